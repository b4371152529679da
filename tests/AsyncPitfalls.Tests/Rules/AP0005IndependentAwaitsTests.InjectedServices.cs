using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0005IndependentAwaitsAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0005IndependentAwaitsCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// Services injected behind interfaces whose source implementations were given the request's DbContext (directly, or
    /// through a repository they were given): two such calls run together are two operations on one context, which EF
    /// Core rejects. Services that make their own context or connection per call stay independent.
    /// </summary>
    public sealed partial class AP0005IndependentAwaitsTests
    {
        private const string InjectedContext = """

            namespace Microsoft.EntityFrameworkCore
            {
                public class DbContext { }
            }

            class AppContext : Microsoft.EntityFrameworkCore.DbContext { }

            interface ISettings<T> { Task<T> GetSettingsAsync(); }

            interface ISettingsRepository { Task<string> GetAsync(string name); }

            class SettingsRepository : ISettingsRepository
            {
                private readonly AppContext _db;
                public SettingsRepository(AppContext db) => _db = db;
                public Task<string> GetAsync(string name) => Task.FromResult(name);
            }

            // Two levels down: the service holds a repository, which holds the context.
            class Settings<T> : ISettings<T>
            {
                private readonly ISettingsRepository _repository;
                public Settings(ISettingsRepository repository) => _repository = repository;
                public Task<T> GetSettingsAsync() => Task.FromResult(default(T));
            }

            interface ILocalizer { Task<string> TranslateAsync(int user, string key); }

            // A primary constructor's parameter is held too.
            class Localizer(AppContext db) : ILocalizer
            {
                public Task<string> TranslateAsync(int user, string key) => Task.FromResult(key + db.GetHashCode());
            }

            interface IScopeFactory { }

            interface IOwnScopeRepository { Task<int> CountAsync(int id); }

            // Makes a new scope, and so a new context, for every call.
            class OwnScopeRepository : IOwnScopeRepository
            {
                private readonly IScopeFactory _scopes;
                public OwnScopeRepository(IScopeFactory scopes) => _scopes = scopes;
                public Task<int> CountAsync(int id) => Task.FromResult(id);
            }

            interface IConnectionStringRepository { Task<int> CountAsync(int id); }

            class ConnectionStringRepository : IConnectionStringRepository
            {
                private readonly string _connectionString;
                public ConnectionStringRepository(string connectionString) => _connectionString = connectionString;
                public Task<int> CountAsync(int id) => Task.FromResult(id + _connectionString.Length);
            }
            """;

        [Fact]
        public Task NoDiagnostic_InjectedServices_WhoseImplementationsHoldTheContext() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Job
            {
                private readonly ISettings<int> _radarr;
                private readonly ISettings<string> _sonarr;
                private readonly ILocalizer _localizer;
                private readonly ISettingsRepository _repository;

                public Job(ISettings<int> radarr, ISettings<string> sonarr, ILocalizer localizer, ISettingsRepository repository)
                {
                    _radarr = radarr;
                    _sonarr = sonarr;
                    _localizer = localizer;
                    _repository = repository;
                }

                async Task<string> RunAsync()
                {
                    var radarr = await _radarr.GetSettingsAsync();
                    var sonarr = await _sonarr.GetSettingsAsync();
                    System.Console.WriteLine();

                    var text = await _localizer.TranslateAsync(1, "title");
                    var value = await _repository.GetAsync("name");
                    return radarr + sonarr + text + value;
                }
            }
            """ + InjectedContext);

        [Fact]
        public Task Reports_InjectedServices_ThatMakeTheirOwnContextOrConnection() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Controller
            {
                // The controller itself holds a context: what its other calls use is what counts.
                private readonly AppContext _db;
                private readonly IOwnScopeRepository _orders;
                private readonly IConnectionStringRepository _users;

                public Controller(AppContext db, IOwnScopeRepository orders, IConnectionStringRepository users)
                {
                    _db = db;
                    _orders = orders;
                    _users = users;
                }

                async Task<int> RunAsync(int id)
                {
                    {|#0:var orders = await _orders.CountAsync(id);|}
                    {|#1:var users = await _users.CountAsync(id);|}
                    return orders + users;
                }
            }
            """ + InjectedContext,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("2", "'CountAsync'"));

        [Fact]
        public Task NoDiagnostic_ServicesReachingTheContext_ThroughADerivedInterface_OrASharedRepository() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            // Held through an interface deriving from the one the caller holds.
            interface IReadStore { Task<int> CountAsync(); }

            interface IUserStore : IReadStore { }

            class UserStore : IUserStore
            {
                private readonly AppContext _db;
                public UserStore(AppContext db) => _db = db;
                public Task<int> CountAsync() => Task.FromResult(_db.GetHashCode());
            }

            // The report service holds the audit log directly, and also through the exporter it holds: the direct path is
            // three services deep (report, audit log, its store), and the context is found though the longer path is read first.
            interface IReports { Task<int> BuildAsync(); }

            interface IExporter { }

            interface IAuditLog { }

            interface IAuditStore { }

            class Reports : IReports
            {
                private readonly IExporter _exporter;
                private readonly IAuditLog _audit;
                public Reports(IExporter exporter, IAuditLog audit) { _exporter = exporter; _audit = audit; }
                public Task<int> BuildAsync() => Task.FromResult(0);
            }

            class Exporter : IExporter
            {
                private readonly IAuditLog _audit;
                public Exporter(IAuditLog audit) => _audit = audit;
            }

            class AuditLog : IAuditLog
            {
                private readonly IAuditStore _store;
                public AuditLog(IAuditStore store) => _store = store;
            }

            class AuditStore : IAuditStore
            {
                private readonly AppContext _db;
                public AuditStore(AppContext db) => _db = db;
            }

            class Dashboard
            {
                private readonly IReadStore _users;
                private readonly IReadStore _admins;
                private readonly IReports _daily;
                private readonly IReports _weekly;

                public Dashboard(IReadStore users, IReadStore admins, IReports daily, IReports weekly)
                {
                    _users = users;
                    _admins = admins;
                    _daily = daily;
                    _weekly = weekly;
                }

                async Task<int> UsersAsync()
                {
                    var users = await _users.CountAsync();
                    var admins = await _admins.CountAsync();
                    return users + admins;
                }

                async Task<int> ReportsAsync()
                {
                    var daily = await _daily.BuildAsync();
                    var weekly = await _weekly.BuildAsync();
                    return daily + weekly;
                }
            }
            """ + InjectedContext);

        [Fact]
        public Task NoDiagnostic_ImplementationsNamingTheServiceThroughAnAlias_AQualifiedGenericName_OrFromANestedClass() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Store = Data.IStore<int>;

            namespace Data
            {
                public interface IStore<T> { Task<T> LoadAsync(); }

                public interface IArchive { Task<int> LoadAsync(); }
            }

            // Implementations found by the names their base lists write: an alias, a qualified generic name, a nested class.
            class AliasedStore : Store
            {
                private readonly AppContext _db;
                public AliasedStore(AppContext db) => _db = db;
                public Task<int> LoadAsync() => Task.FromResult(_db.GetHashCode());
            }

            class Outer
            {
                internal sealed class NestedArchive : global::Data.IArchive
                {
                    private readonly AppContext _db;
                    public NestedArchive(AppContext db) => _db = db;
                    public Task<int> LoadAsync() => Task.FromResult(_db.GetHashCode());
                }
            }

            class Page
            {
                private readonly Data.IStore<int> _first;
                private readonly Data.IStore<int> _second;
                private readonly Data.IArchive _old;
                private readonly Data.IArchive _older;

                public Page(Data.IStore<int> first, Data.IStore<int> second, Data.IArchive old, Data.IArchive older)
                {
                    _first = first;
                    _second = second;
                    _old = old;
                    _older = older;
                }

                async Task<int> StoresAsync()
                {
                    var first = await _first.LoadAsync();
                    var second = await _second.LoadAsync();
                    return first + second;
                }

                async Task<int> ArchivesAsync()
                {
                    var old = await _old.LoadAsync();
                    var older = await _older.LoadAsync();
                    return old + older;
                }
            }
            """ + InjectedContext);
    }
}
