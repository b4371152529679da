using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

#pragma warning disable CA5394 // A seeded Random is the point: the corpus must be the same on every run.

namespace AsyncPitfalls.Benchmarks.Corpus
{
    /// <summary>One generated source file.</summary>
    public sealed record CorpusFile(string Path, string Text, int Lines);

    /// <summary>
    /// A deterministic corpus of realistic application code: one module per file (records, a repository over
    /// <c>DbConnection</c>, a service, a controller, a background worker, LINQ reporting, a generic cache), with a
    /// known mix of async mistakes, one shape or more for every rule of the specification. The same seed and size
    /// always produce the same text. The corpus compiles with no error against the .NET framework alone.
    /// </summary>
    public static class CorpusGenerator
    {
        /// <summary>The mistakes the corpus plants, by the rule that owns them (shape name → rule ID).</summary>
        public static IReadOnlyList<(string Shape, string Rule)> PitfallShapes => Pitfalls.Select(p => (p.Name, p.Rule)).ToArray();

        /// <summary>Generates modules until the corpus holds at least <paramref name="targetLines"/> lines.</summary>
        public static CorpusResult Generate(int targetLines, int seed = 20240601, int pitfallsPerModule = 3)
        {
            var random = new Random(seed);
            var files = new List<CorpusFile>();
            var planted = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var total = 0;
            for (var module = 0; total < targetLines; module++)
            {
                var chosen = new List<Pitfall>();
                var pool = Pitfalls.ToList();
                for (var i = 0; i < pitfallsPerModule && pool.Count > 0; i++)
                {
                    var index = random.Next(pool.Count);
                    chosen.Add(pool[index]);
                    pool.RemoveAt(index);
                }

                foreach (var pitfall in chosen)
                {
                    planted[pitfall.Rule] = planted.TryGetValue(pitfall.Rule, out var count) ? count + 1 : 1;
                }

                var text = Module(module, chosen, random);
                var lines = CountLines(text);
                files.Add(new CorpusFile($"/corpus/Module{module.ToString("D4", CultureInfo.InvariantCulture)}.cs", text, lines));
                total += lines;
            }

            return new CorpusResult(files, total, planted);
        }

        /// <summary>One module alone, with every pitfall shape planted: the densest file the generator makes.</summary>
        public static string ModuleWithEveryPitfall(int module) => Module(module, Pitfalls, new Random(module));

        public static int CountLines(string text)
        {
            var lines = 1;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    lines++;
                }
            }

            return lines;
        }

        private sealed record Pitfall(string Name, string Rule, Func<int, string> Member);

        private static string Module(int n, IReadOnlyList<Pitfall> pitfalls, Random random)
        {
            var builder = new StringBuilder(16_000);
            builder.Append(Header(n));
            builder.Append(Repository(n));
            builder.Append(ServiceStart(n, random.Next(2, 9)));
            foreach (var pitfall in pitfalls)
            {
                builder.Append(pitfall.Member(n));
            }

            builder.Append(ServiceEnd);
            builder.Append(Controller(n));
            builder.Append(Worker(n, random.Next(50, 500)));
            builder.Append(Reporting(n));
            builder.Append(Cache(n));
            if (pitfalls.Any(p => p.Rule == "AP0008"))
            {
                builder.Append(BlockingTool(n));
            }

            builder.Append(Footer);
            return builder.ToString();
        }

        private static string Header(int n) => $$"""
            // Module {{n}}: orders, customers and their reports.
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Data.Common;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.M{{n}}
            {
                public sealed record Order{{n}}(int Id, string Customer, decimal Total, DateTime CreatedAt)
                {
                    public bool IsLarge => Total > 1000m;

                    public Order{{n}} WithTotal(decimal total) => this with { Total = total };
                }

                public sealed record OrderLine{{n}}(int OrderId, string Sku, int Quantity, decimal Price)
                {
                    public decimal Amount => Quantity * Price;
                }

                public readonly record struct Money{{n}}(decimal Amount, string Currency)
                {
                    public static Money{{n}} operator +(Money{{n}} a, Money{{n}} b) =>
                        a.Currency == b.Currency ? new Money{{n}}(a.Amount + b.Amount, a.Currency) : throw new InvalidOperationException("currency");

                    public override string ToString() => Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " " + Currency;
                }

                public enum OrderState{{n}}
                {
                    New,
                    Paid,
                    Shipped,
                    Cancelled,
                }

                public interface IOrderRepository{{n}}
                {
                    Task<Order{{n}}?> GetAsync(int id, CancellationToken cancellationToken = default);

                    Task<IReadOnlyList<OrderLine{{n}}>> GetLinesAsync(int orderId, CancellationToken cancellationToken = default);

                    Task<int> CountAsync(string customer, CancellationToken cancellationToken = default);

                    Task SaveAsync(Order{{n}} order, CancellationToken cancellationToken = default);

                    Task PingAsync();
                }

                public interface ICustomerDirectory{{n}}
                {
                    Task<string> GetNameAsync(string customer, CancellationToken cancellationToken = default);

                    ValueTask<bool> ExistsAsync(string customer, CancellationToken cancellationToken = default);
                }

                public interface IRemoteClient{{n}}
                {
                    Task ConnectAsync();
                }

                public static class Audit{{n}}
                {
                    private static readonly ConcurrentQueue<string> Entries = new();

                    public static Task RecordAsync(int id, CancellationToken cancellationToken)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Entries.Enqueue("order " + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        return Task.CompletedTask;
                    }

                    public static async Task<string> FetchAsync(int id, string label)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        return label + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    public static int Count => Entries.Count;
                }

            """;

        private static string Repository(int n) => $$"""
                public sealed class OrderRepository{{n}} : IOrderRepository{{n}}
                {
                    private readonly DbConnection _connection;
                    private readonly Dictionary<int, Order{{n}}> _cache = new();

                    public OrderRepository{{n}}(DbConnection connection) => _connection = connection ?? throw new ArgumentNullException(nameof(connection));

                    public async Task<Order{{n}}?> GetAsync(int id, CancellationToken cancellationToken = default)
                    {
                        if (_cache.TryGetValue(id, out var cached))
                        {
                            return cached;
                        }

                        await using var command = _connection.CreateCommand();
                        command.CommandText = "SELECT Id, Customer, Total, CreatedAt FROM Orders WHERE Id = @id";
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = "@id";
                        parameter.Value = id;
                        command.Parameters.Add(parameter);
                        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            return null;
                        }

                        var order = new Order{{n}}(reader.GetInt32(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDateTime(3));
                        _cache[id] = order;
                        return order;
                    }

                    public async Task<IReadOnlyList<OrderLine{{n}}>> GetLinesAsync(int orderId, CancellationToken cancellationToken = default)
                    {
                        var lines = new List<OrderLine{{n}}>();
                        await using var command = _connection.CreateCommand();
                        command.CommandText = "SELECT Sku, Quantity, Price FROM Lines WHERE OrderId = " + orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            lines.Add(new OrderLine{{n}}(orderId, reader.GetString(0), reader.GetInt32(1), reader.GetDecimal(2)));
                        }

                        return lines;
                    }

                    public Task<int> CountAsync(string customer, CancellationToken cancellationToken = default)
                    {
                        var count = _cache.Values.Count(o => string.Equals(o.Customer, customer, StringComparison.Ordinal));
                        return Task.FromResult(count);
                    }

                    public async Task SaveAsync(Order{{n}} order, CancellationToken cancellationToken = default)
                    {
                        ArgumentNullException.ThrowIfNull(order);
                        await using var command = _connection.CreateCommand();
                        command.CommandText = "UPDATE Orders SET Total = @total WHERE Id = @id";
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        _cache[order.Id] = order;
                    }

                    public Task PingAsync() => _connection.State == System.Data.ConnectionState.Open ? Task.CompletedTask : _connection.OpenAsync();
                }

            """;

        private static string ServiceStart(int n, int retries) => $$"""
                public sealed class OrderService{{n}}
                {
                    private const int MaxRetries = {{retries}};
                    private readonly IOrderRepository{{n}} _orders;
                    private readonly ICustomerDirectory{{n}} _customers;
                    private readonly HttpClient _http;
                    private readonly SemaphoreSlim _gate = new(1, 1);
                    private readonly List<Order{{n}}> _pending = new();

                    public OrderService{{n}}(IOrderRepository{{n}} orders, ICustomerDirectory{{n}} customers, HttpClient http)
                    {
                        _orders = orders;
                        _customers = customers;
                        _http = http;
                    }

                    public event EventHandler? Changed;

                    public int PendingCount => _pending.Count;

                    public async Task<decimal> GetTotalAsync(int id, CancellationToken cancellationToken)
                    {
                        var lines = await _orders.GetLinesAsync(id, cancellationToken).ConfigureAwait(false);
                        return lines.Where(l => l.Quantity > 0).Sum(l => l.Amount);
                    }

                    public async Task<Order{{n}}> PlaceAsync(string customer, IEnumerable<OrderLine{{n}}> lines, CancellationToken cancellationToken)
                    {
                        if (!await _customers.ExistsAsync(customer, cancellationToken).ConfigureAwait(false))
                        {
                            throw new InvalidOperationException("Unknown customer " + customer);
                        }

                        var total = 0m;
                        foreach (var line in lines)
                        {
                            if (line.Quantity <= 0)
                            {
                                continue;
                            }

                            total += line.Amount;
                        }

                        var order = new Order{{n}}(Random.Shared.Next(), customer, total, DateTime.UtcNow);
                        for (var attempt = 1; ; attempt++)
                        {
                            try
                            {
                                await _orders.SaveAsync(order, cancellationToken).ConfigureAwait(false);
                                break;
                            }
                            catch (DbException) when (attempt < MaxRetries)
                            {
                                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
                            }
                        }

                        _pending.Add(order);
                        Changed?.Invoke(this, EventArgs.Empty);
                        return order;
                    }

                    public async Task<IReadOnlyDictionary<string, decimal>> TotalsByCustomerAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
                    {
                        var tasks = ids.Select(id => _orders.GetAsync(id, cancellationToken)).ToList();
                        var orders = await Task.WhenAll(tasks).ConfigureAwait(false);
                        return orders
                            .Where(o => o is not null)
                            .GroupBy(o => o!.Customer, StringComparer.Ordinal)
                            .ToDictionary(g => g.Key, g => g.Sum(o => o!.Total), StringComparer.Ordinal);
                    }

                    public async Task<string> DescribeAsync(int id, CancellationToken cancellationToken)
                    {
                        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                        try
                        {
                            var order = await _orders.GetAsync(id, cancellationToken).ConfigureAwait(false);
                            return order switch
                            {
                                null => "missing",
                                { IsLarge: true } => $"large order {order.Id} for {order.Customer}",
                                _ => $"order {order.Id}: {order.Total}",
                            };
                        }
                        finally
                        {
                            _gate.Release();
                        }
                    }

                    public Task RunInBackgroundAsync() => Task.Run(() => Thread.Sleep(1));

                    public async Task<string> DownloadAsync(Uri uri, CancellationToken cancellationToken)
                    {
                        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    }

                    public IEnumerable<Order{{n}}> Pending(Func<Order{{n}}, bool> filter)
                    {
                        foreach (var order in _pending)
                        {
                            if (filter(order))
                            {
                                yield return order;
                            }
                        }
                    }

                    public async IAsyncEnumerable<Order{{n}}> StreamAsync(IEnumerable<int> ids, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        foreach (var id in ids)
                        {
                            if (await _orders.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } order)
                            {
                                yield return order;
                            }
                        }
                    }

            """;

        private const string ServiceEnd = """
                }

            """;

        private static string Controller(int n) => $$"""
                public sealed class OrdersController{{n}}
                {
                    private readonly OrderService{{n}} _service;
                    private readonly IOrderRepository{{n}} _orders;

                    public OrdersController{{n}}(OrderService{{n}} service, IOrderRepository{{n}} orders)
                    {
                        _service = service;
                        _orders = orders;
                    }

                    public async Task<(int Status, object? Body)> GetAsync(int id, CancellationToken cancellationToken)
                    {
                        var order = await _orders.GetAsync(id, cancellationToken);
                        if (order is null)
                        {
                            return (404, null);
                        }

                        var total = await _service.GetTotalAsync(id, cancellationToken);
                        return (200, new { order.Id, order.Customer, Total = total });
                    }

                    public async Task<(int Status, object? Body)> ListAsync(string customer, int page, CancellationToken cancellationToken)
                    {
                        if (page < 0)
                        {
                            return (400, "page");
                        }

                        var count = await _orders.CountAsync(customer, cancellationToken);
                        var pages = (count + 19) / 20;
                        var items = Enumerable.Range(page * 20, Math.Min(20, Math.Max(0, count - page * 20))).Select(i => new { Index = i, Customer = customer }).ToArray();
                        return (200, new { pages, items });
                    }

                    public async Task<int> DeleteAsync(int id, CancellationToken cancellationToken)
                    {
                        var order = await _orders.GetAsync(id, cancellationToken);
                        if (order is null)
                        {
                            return 404;
                        }

                        await _orders.SaveAsync(order with { Total = 0 }, cancellationToken);
                        return 204;
                    }

                    public string Health() => _service.PendingCount > 100 ? "degraded" : "ok";
                }

            """;

        private static string Worker(int n, int interval) => $$"""
                public sealed class OrderWorker{{n}} : IDisposable
                {
                    private readonly OrderService{{n}} _service;
                    private readonly CancellationTokenSource _stop = new();
                    private Task? _loop;

                    public OrderWorker{{n}}(OrderService{{n}} service)
                    {
                        _service = service;
                        _service.Changed += OnChanged;
                    }

                    public int Ticks { get; private set; }

                    public void Start() => _loop = RunAsync(_stop.Token);

                    public async Task StopAsync()
                    {
                        await _stop.CancelAsync().ConfigureAwait(false);
                        if (_loop is { } loop)
                        {
                            await loop.ConfigureAwait(false);
                        }
                    }

                    public void Dispose()
                    {
                        _service.Changed -= OnChanged;
                        _stop.Dispose();
                    }

                    private async Task RunAsync(CancellationToken cancellationToken)
                    {
                        while (!cancellationToken.IsCancellationRequested)
                        {
                            try
                            {
                                await Task.Delay({{interval}}, cancellationToken).ConfigureAwait(false);
                                Ticks++;
                            }
                            catch (OperationCanceledException)
                            {
                                break;
                            }
                        }
                    }

                    private async void OnChanged(object? sender, EventArgs e)
                    {
                        try
                        {
                            await Task.Yield();
                            Ticks++;
                        }
                        catch (InvalidOperationException)
                        {
                            Ticks = 0;
                        }
                    }
                }

            """;

        private static string Reporting(int n) => $$"""
                public static class OrderReports{{n}}
                {
                    public static IReadOnlyList<(string Customer, decimal Total)> TopCustomers(IEnumerable<Order{{n}}> orders, int count) =>
                        orders
                            .GroupBy(o => o.Customer, StringComparer.Ordinal)
                            .Select(g => (Customer: g.Key, Total: g.Sum(o => o.Total)))
                            .OrderByDescending(x => x.Total)
                            .ThenBy(x => x.Customer, StringComparer.Ordinal)
                            .Take(count)
                            .ToList();

                    public static string Render(IEnumerable<OrderLine{{n}}> lines)
                    {
                        var builder = new StringBuilder();
                        var index = 0;
                        foreach (var line in lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
                        {
                            builder.Append(++index).Append(". ").Append(line.Sku).Append(" x").Append(line.Quantity).AppendLine();
                        }

                        return builder.ToString();
                    }

                    public static OrderState{{n}} Next(OrderState{{n}} state) => state switch
                    {
                        OrderState{{n}}.New => OrderState{{n}}.Paid,
                        OrderState{{n}}.Paid => OrderState{{n}}.Shipped,
                        _ => state,
                    };

                    public static Dictionary<int, List<OrderLine{{n}}>> ByOrder(IEnumerable<OrderLine{{n}}> lines)
                    {
                        var result = new Dictionary<int, List<OrderLine{{n}}>>();
                        foreach (var line in lines)
                        {
                            if (!result.TryGetValue(line.OrderId, out var list))
                            {
                                list = new List<OrderLine{{n}}>();
                                result[line.OrderId] = list;
                            }

                            list.Add(line);
                        }

                        return result;
                    }

                    public static decimal Median(IReadOnlyList<decimal> values)
                    {
                        if (values.Count == 0)
                        {
                            return 0m;
                        }

                        var sorted = values.OrderBy(v => v).ToArray();
                        var middle = sorted.Length / 2;
                        return sorted.Length % 2 == 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
                    }
                }

            """;

        private static string Cache(int n) => $$"""
                public sealed class ResultCache{{n}}<TKey, TValue>
                    where TKey : notnull
                {
                    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _entries = new();
                    private readonly Func<TKey, CancellationToken, Task<TValue>> _factory;

                    public ResultCache{{n}}(Func<TKey, CancellationToken, Task<TValue>> factory) => _factory = factory;

                    public Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken) =>
                        _entries.GetOrAdd(key, k => new Lazy<Task<TValue>>(() => _factory(k, cancellationToken))).Value;

                    public bool TryPeek(TKey key, out TValue? value)
                    {
                        if (_entries.TryGetValue(key, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
                        {
                            value = entry.Value.Result;
                            return true;
                        }

                        value = default;
                        return false;
                    }

                    public void Invalidate(TKey key) => _entries.TryRemove(key, out _);

                    public int Count => _entries.Count;
                }

            """;

        private static string BlockingTool(int n) => $$"""
                public static class OrderTool{{n}}
                {
                    public static int Main(string[] args)
                    {
                        var result = RunAsync(args).GetAwaiter().GetResult();
                        return result;
                    }

                    private static async Task<int> RunAsync(string[] args)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        return args.Length;
                    }
                }

            """;

        private const string Footer = """
            }

            """;

        private static readonly Pitfall[] Pitfalls =
        {
            new("Thread.Sleep in async method", "AP0001", n => $$"""
                        public async Task WarmUpAsync(CancellationToken cancellationToken)
                        {
                            Thread.Sleep(20);
                            await _orders.PingAsync().ConfigureAwait(false);
                        }

                """),
            new("Thread.Sleep in Task-returning method", "AP0001", n => $$"""
                        public Task SettleAsync()
                        {
                            Thread.Sleep(TimeSpan.FromMilliseconds(5));
                            return Task.CompletedTask;
                        }

                """),
            new(".Result in async method", "AP0002", n => $$"""
                        public async Task<int> CountBothAsync(string a, string b, CancellationToken cancellationToken)
                        {
                            var first = _orders.CountAsync(a, cancellationToken);
                            var second = await _orders.CountAsync(b, cancellationToken).ConfigureAwait(false);
                            return first.Result + second;
                        }

                """),
            new(".Wait() and GetResult() in async method", "AP0002", n => $$"""
                        public async Task FlushAsync(Order{{n}} order)
                        {
                            _orders.SaveAsync(order).Wait();
                            var name = _customers.GetNameAsync(order.Customer).GetAwaiter().GetResult();
                            await _orders.PingAsync();
                            Task.WaitAll(_orders.PingAsync(), _orders.PingAsync());
                            _pending.RemoveAll(o => o.Customer == name);
                        }

                """),
            new("sync I/O with async counterpart", "AP0003", n => $$"""
                        public async Task<string> LoadTemplateAsync(string path, CancellationToken cancellationToken)
                        {
                            var text = File.ReadAllText(path);
                            using var stream = File.OpenRead(path);
                            var buffer = new byte[16];
                            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                            using var reader = new StreamReader(stream);
                            var rest = reader.ReadToEnd();
                            _gate.Wait();
                            _gate.Release();
                            return text + rest + read.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        }

                """),
            new("dropped task", "AP0004", n => $$"""
                        public void Refresh(Order{{n}} order)
                        {
                            _orders.SaveAsync(order);
                            _customers.ExistsAsync(order.Customer);
                        }

                        public async Task TouchAsync(OrderService{{n}}? other)
                        {
                            other?.GetTotalAsync(1, CancellationToken.None);
                            await _orders.PingAsync().ConfigureAwait(false);
                        }

                """),
            new("sequential independent awaits", "AP0005", n => $$"""
                        public async Task<string> SummaryAsync(int id, string customer, CancellationToken cancellationToken)
                        {
                            var order = await _orders.GetAsync(id, cancellationToken).ConfigureAwait(false);
                            var name = await _customers.GetNameAsync(customer, cancellationToken).ConfigureAwait(false);
                            return name + ": " + order?.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        }

                        public async Task<string> GreetAsync()
                        {
                            var hello = await Audit{{n}}.FetchAsync(1, "hello");
                            var world = await Audit{{n}}.FetchAsync(2, "world");
                            return hello + world;
                        }

                """),
            new("async void method", "AP0006", n => $$"""
                        public async void Reload()
                        {
                            await _orders.PingAsync();
                            _pending.Clear();
                        }

                """),
            new("async lambda to Action", "AP0007", n => $$"""
                        public async Task SaveAllAsync()
                        {
                            _pending.ForEach(async order => await _orders.SaveAsync(order));
                            await _orders.PingAsync();
                        }

                        public void SaveInParallel(IEnumerable<Order{{n}}> orders) =>
                            Parallel.ForEach(orders, async order => await _orders.SaveAsync(order));

                """),
            new("blocking Main", "AP0008", n => string.Empty),
            new("await in foreach", "AP0009", n => $$"""
                        public async Task AuditAllAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
                        {
                            foreach (var id in ids)
                            {
                                await Audit{{n}}.RecordAsync(id, cancellationToken);
                            }
                        }

                        public static async Task ConnectAllAsync(IEnumerable<IRemoteClient{{n}}> clients)
                        {
                            foreach (var client in clients)
                                await client.ConnectAsync();
                        }

                """),
        };
    }

    /// <summary>The files of a corpus, its line count and the mistakes planted per rule.</summary>
    public sealed record CorpusResult(IReadOnlyList<CorpusFile> Files, int Lines, IReadOnlyDictionary<string, int> PlantedByRule);
}
