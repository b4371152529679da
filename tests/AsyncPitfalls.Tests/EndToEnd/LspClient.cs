using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncPitfalls.Tests.EndToEnd
{
    /// <summary>
    /// A minimal Language Server Protocol client over a child process's stdio (JSON-RPC with Content-Length framing).
    /// It answers the server's own requests (<c>workspace/configuration</c> from <see cref="Configuration"/>, anything
    /// else with null) so the server never waits on the client, and keeps stderr for failure messages.
    /// </summary>
    internal sealed class LspClient : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
        private readonly StringBuilder _log = new();
        private readonly SemaphoreSlim _writeGate = new(1, 1);
        private readonly Task _reader;
        private int _nextId;

        private LspClient(Process process, Func<string?, JsonNode?> configuration)
        {
            _process = process;
            Configuration = configuration;
            _process.ErrorDataReceived += (_, e) => Log("stderr: " + e.Data);
            _process.BeginErrorReadLine();
            _reader = Task.Run(ReadLoopAsync);
        }

        /// <summary>The answer to a <c>workspace/configuration</c> item, by section.</summary>
        public Func<string?, JsonNode?> Configuration { get; }

        /// <summary>What the server wrote to stderr and the notifications it sent, for assertion messages.</summary>
        public string Log()
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }

        public static LspClient Start(ProcessStartInfo startInfo, Func<string?, JsonNode?> configuration)
        {
            startInfo.RedirectStandardInput = true;
            startInfo.RedirectStandardOutput = true;
            startInfo.RedirectStandardError = true;
            startInfo.UseShellExecute = false;
            var process = Process.Start(startInfo) ?? throw new InvalidOperationException("The language server did not start.");
            return new LspClient(process, configuration);
        }

        public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
        {
            var id = Interlocked.Increment(ref _nextId);
            var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = completion;
            await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
            using (cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken)))
            {
                return await completion.Task;
            }
        }

        public Task NotifyAsync(string method, JsonNode? parameters) =>
            WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

        /// <summary>Asks the server to shut down and exit; kills it (and its children) when it does not within the timeout.</summary>
        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                try
                {
                    using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await RequestAsync("shutdown", null, shutdown.Token);
                    await NotifyAsync("exit", null);
                    _process.StandardInput.Close();
                    using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await _process.WaitForExitAsync(exit.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
                {
                    Log("shutdown: " + e.Message);
                }
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            try
            {
                await _reader.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                Log("the reader did not stop");
            }

            _process.Dispose();
            _writeGate.Dispose();
        }

        private void Log(string? line)
        {
            if (line is not null)
            {
                lock (_log)
                {
                    _log.AppendLine(line);
                }
            }
        }

        private async Task WriteAsync(JsonNode message)
        {
            var body = Encoding.UTF8.GetBytes(message.ToJsonString());
            var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
            await _writeGate.WaitAsync();
            try
            {
                var stream = _process.StandardInput.BaseStream;
                await stream.WriteAsync(header);
                await stream.WriteAsync(body);
                await stream.FlushAsync();
            }
            finally
            {
                _writeGate.Release();
            }
        }

        private async Task ReadLoopAsync()
        {
            var stream = _process.StandardOutput.BaseStream;
            try
            {
                while (await ReadMessageAsync(stream) is { } message)
                {
                    await HandleAsync(message);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or System.Text.Json.JsonException)
            {
                Log("reader: " + e.Message);
            }

            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException("The language server closed its output.\n" + Log()));
            }
        }

        private async Task HandleAsync(JsonNode message)
        {
            var method = (string?)message["method"];
            var id = message["id"];
            if (method is null && id is not null)
            {
                if (_pending.TryRemove((int)id, out var completion))
                {
                    if (message["error"] is { } error)
                    {
                        completion.TrySetException(new InvalidOperationException("The language server answered with an error: " + error.ToJsonString()));
                    }
                    else
                    {
                        completion.TrySetResult(message["result"]);
                    }
                }
            }
            else if (method is not null && id is not null)
            {
                JsonNode? result = null;
                if (method == "workspace/configuration")
                {
                    var items = message["params"]?["items"]?.AsArray() ?? new JsonArray();
                    result = new JsonArray(items.Select(item => Configuration((string?)item?["section"])).ToArray());
                }

                await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
            }
            else if (method is "window/showMessage" or "window/logMessage")
            {
                Log(method + ": " + (string?)message["params"]?["message"]);
            }
        }

        private static async Task<JsonNode?> ReadMessageAsync(Stream stream)
        {
            var length = -1;
            while (true)
            {
                var line = await ReadHeaderLineAsync(stream);
                if (line is null)
                {
                    return null;
                }

                if (line.Length == 0)
                {
                    break;
                }

                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            var body = new byte[length];
            await stream.ReadExactlyAsync(body);
            return JsonNode.Parse(body);
        }

        private static async Task<string?> ReadHeaderLineAsync(Stream stream)
        {
            var bytes = new List<byte>();
            var one = new byte[1];
            while (true)
            {
                if (await stream.ReadAsync(one) == 0)
                {
                    return null;
                }

                if (one[0] == (byte)'\n')
                {
                    return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
                }

                bytes.Add(one[0]);
            }
        }
    }
}
