using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0005IndependentAwaitsAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0005IndependentAwaitsCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// Revision 2 of AP0005, each test after a shape read on real repositories, both ways: what a call may touch beyond
    /// its receiver and arguments (a lambda, what a local function captures, the object a wrapper wraps, the members of
    /// <c>this</c>), fan-outs of writing verbs, test methods, and which arguments count when a fan-out must differ.
    /// </summary>
    public sealed partial class AP0005IndependentAwaitsTests
    {
        [Fact]
        public Task NoDiagnostic_LambdaOrAnonymousMethodOrMethodGroupArgument_InAnyCallOfTheRun() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> WithTimeout(TimeSpan timeout, Func<CancellationToken, Task<int>> work) => work(CancellationToken.None);
                static Task<int> Work(CancellationToken token) => Task.FromResult(2);

                static async Task<int> RunAsync()
                {
                    var a = await WithTimeout(TimeSpan.Zero, ct => A());
                    var b = await A();
                    Console.WriteLine();
                    var c = await A();
                    var d = await WithTimeout(TimeSpan.Zero, delegate (CancellationToken ct) { return A(); });
                    Console.WriteLine();
                    var e = await A();
                    var f = await WithTimeout(TimeSpan.Zero, Work);
                    return a + b + c + d + e + f;
                }
            }
            """);

        [Fact]
        public Task Reports_LambdaOutsideTheRun_DoesNotBreakIt() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B() => Task.FromResult(2);
                static Task<int> WithTimeout(TimeSpan timeout, Func<CancellationToken, Task<int>> work) => work(CancellationToken.None);

                static async Task<int> RunAsync()
                {
                    var a = await WithTimeout(TimeSpan.Zero, ct => A());
                    [|var b = await A();|]
                    var c = await B();
                    return a + b + c;
                }
            }
            """);

        // ReleaseBuilder: 'docker start' runs the container's set-up script, 'docker export' then exports what it made.
        [Fact]
        public Task NoDiagnostic_FanOutOfAWritingVerb_DockerStartThenExport() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class ProcessHelper
            {
                public static Task Execute(string[] command) => Task.CompletedTask;
                public static Task SendEmailAsync(string to) => Task.CompletedTask;
            }

            static class C
            {
                static async Task RunAsync(string containerId, string target)
                {
                    await ProcessHelper.Execute(["docker", "start", "--attach", containerId]);
                    await ProcessHelper.Execute(["docker", "export", containerId, "-o", target]);
                    System.Console.WriteLine();
                    await ProcessHelper.SendEmailAsync("ann@example.com");
                    await ProcessHelper.SendEmailAsync("bob@example.com");
                }
            }
            """);

        [Fact]
        public Task Reports_FanOutOfAReadingVerb_WithCollectionArgumentsThatDifferEverywhere() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Probe
            {
                public static Task Ping(string[] hosts) => Task.CompletedTask;
            }

            static class C
            {
                static async Task RunAsync()
                {
                    [|await Probe.Ping(["a.example.com", "b.example.com"]);|]
                    await Probe.Ping(["c.example.com", "d.example.com"]);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_FanOutOfCollectionsSharingAnElement() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Probe
            {
                public static Task Ping(string[] hosts) => Task.CompletedTask;
            }

            static class C
            {
                static async Task RunAsync(string gateway)
                {
                    await Probe.Ping([gateway, "b.example.com"]);
                    await Probe.Ping([gateway, "d.example.com"]);
                    System.Console.WriteLine();
                    await Probe.Ping(new[] { "a", "x" });
                    await Probe.Ping(new[] { "b", "x" });
                }
            }
            """);

        // Server integration test: each call of the local function assigns the captured 'response'.
        [Fact]
        public Task NoDiagnostic_LocalFunctionAssigningACapturedLocal() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            class ServerChecks
            {
                async Task RunAsync(HttpClient client)
                {
                    HttpResponseMessage response = await client.GetAsync("");
                    await ExpectMaxAgeAsync("scripts/file.js", TimeSpan.FromDays(14));
                    await ExpectMaxAgeAsync("images/file.avif", TimeSpan.FromDays(7));
                    Console.WriteLine(response.StatusCode);

                    async Task ExpectMaxAgeAsync(string path, TimeSpan maxAge)
                    {
                        response = await client.GetAsync(path);
                        Console.WriteLine(maxAge);
                    }
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_LocalFunctionSharingACapturedObject_OrReadingAnEarlierResult() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private readonly Dictionary<string, int> _cache = new();

                static Task<int> A() => Task.FromResult(1);

                async Task<int> RunAsync(Stream stream)
                {
                    var list = new List<int>();
                    await Collect(1);
                    await Collect(2);
                    System.Console.WriteLine();
                    await Read(1);
                    await Read(2);
                    System.Console.WriteLine();
                    await Remember("a");
                    await Remember("b");
                    System.Console.WriteLine();
                    var a = await A();
                    var b = await Twice();
                    return a + b + list.Count;

                    async Task Collect(int value) { await Task.Yield(); list.Add(value); }
                    async Task Read(int count) => await stream.ReadAsync(new byte[count]);
                    async Task Remember(string key) { await Task.Yield(); _cache[key] = 1; }
                    async Task<int> Twice() { await Task.Yield(); return a * 2; }
                }
            }
            """);

        [Fact]
        public Task Reports_LocalFunctionCapturingOnlyValuesStringsTokensAndHttpClient() => Verify.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(HttpClient client, string baseUrl, int retries, CancellationToken cancellationToken)
                {
                    [|await Fetch("a");|]
                    await Fetch("b");

                    async Task Fetch(string path)
                    {
                        for (var i = 0; i < retries; i++)
                        {
                            await client.GetStringAsync(baseUrl + path, cancellationToken);
                        }
                    }
                }
            }
            """);

        // Backup: 'db' wraps the database connection that the next statement reads directly.
        [Fact]
        public Task NoDiagnostic_WrapperLocal_IsAnAliasOfWhatItWraps() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class LocalDatabase { public Task<DateTime> LastFilesetAsync() => Task.FromResult(DateTime.MinValue); }
            class Options { }
            sealed class BackupDatabase : IDisposable
            {
                public BackupDatabase(LocalDatabase database, Options options) { }
                public void Dispose() { }
            }

            static class UploadSyntheticFilelist
            {
                public static Task<DateTime> RunAsync(BackupDatabase db, Options options) => Task.FromResult(DateTime.MinValue);
            }

            class BackupHandler
            {
                private LocalDatabase m_database = new();
                private readonly Options m_options = new();

                async Task<DateTime> RunAsync()
                {
                    DateTime synthetic;
                    using (var db = new BackupDatabase(m_database, m_options))
                    {
                        synthetic = await UploadSyntheticFilelist.RunAsync(db, m_options);
                        var previous = await m_database.LastFilesetAsync();
                        return synthetic > previous ? synthetic : previous;
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_WrapperOfAStringOrAValue_AliasesNothing() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class LocalDatabase { public Task<DateTime> LastFilesetAsync() => Task.FromResult(DateTime.MinValue); }
            class Report { public Report(string title, int size) { } }

            static class Renderer
            {
                public static Task<string> RenderAsync(Report report) => Task.FromResult("");
            }

            class C
            {
                private LocalDatabase m_database = new();

                async Task<int> RunAsync(string title)
                {
                    var report = new Report(title, 3);
                    [|var text = await Renderer.RenderAsync(report);|]
                    var previous = await m_database.LastFilesetAsync();
                    return text.Length + previous.Second;
                }
            }
            """);

        // B2 backend: 'GetFileId' is an instance method that uses the same authentication helper as the next call.
        [Fact]
        public Task NoDiagnostic_CallOnThis_AndACallOnAMemberOfThis() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class AuthHelper { public Task<string> GetConfigAsync(CancellationToken ct) => Task.FromResult(""); }

            class B2(AuthHelper primaryHelper)
            {
                private readonly AuthHelper _authHelper = new();
                private AuthHelper Helper { get; } = new();

                private Task<string> GetFileId(string name, CancellationToken ct) => _authHelper.GetConfigAsync(ct);

                async Task<int> RunAsync(string name, CancellationToken ct)
                {
                    var fileId = await GetFileId(name, ct);
                    var config = await _authHelper.GetConfigAsync(ct);
                    System.Console.WriteLine();
                    var other = await Helper.GetConfigAsync(ct);
                    var again = await this.GetFileId(name, ct);
                    System.Console.WriteLine();
                    var id = await GetFileId(name, ct);
                    var primary = await primaryHelper.GetConfigAsync(ct);
                    return fileId.Length + config.Length + other.Length + again.Length + id.Length + primary.Length;
                }
            }
            """);

        [Fact]
        public Task Reports_CallOnThis_AndACallOnAParameterOrAStaticCall() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class AuthHelper { public Task<string> GetConfigAsync(CancellationToken ct) => Task.FromResult(""); }

            class B2
            {
                private Task<string> GetFileId(string name, CancellationToken ct) => Task.FromResult(name);
                private static Task<string> Describe(string name) => Task.FromResult(name);

                async Task<int> RunAsync(AuthHelper helper, string name, CancellationToken ct)
                {
                    [|var fileId = await GetFileId(name, ct);|]
                    var config = await helper.GetConfigAsync(ct);
                    var text = await Describe(name);
                    return fileId.Length + config.Length + text.Length;
                }
            }
            """);

        // Admin and API controllers: repositories injected as fields or primary-constructor parameters, each read once.
        [Fact]
        public Task Reports_RepositoryReads_FieldsAndPrimaryConstructorParameters_UntilACallOnThis() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Repository { public Task<string> GetByIdAsync(Guid id) => Task.FromResult(""); }

            class ProvidersController(Repository planRepository)
            {
                private readonly Repository _userRepository = new();
                private readonly Repository _organizationRepository = new();

                private Task<string> GetClaimsAsync(Guid id) => Task.FromResult("");

                async Task<int> DetailsAsync(Guid id)
                {
                    {|#0:var users = await _userRepository.GetByIdAsync(id);|}
                    {|#1:var organizations = await _organizationRepository.GetByIdAsync(id);|}
                    {|#2:var plans = await planRepository.GetByIdAsync(id);|}
                    var claims = await GetClaimsAsync(id);
                    return users.Length + organizations.Length + plans.Length + claims.Length;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("3", "'GetByIdAsync'"));

        [Fact]
        public Task NoDiagnostic_InTestMethods_ByDefault() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Xunit;

            public class ServerTests
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B() => Task.FromResult(2);

                [Fact]
                public async Task ServesFilesAsync()
                {
                    var a = await A();
                    var b = await B();
                    System.Console.WriteLine(a + b);
                }
            }
            """ + XunitStub.Source);

        [Fact]
        public Task Reports_InTestMethods_WhenIncludeTestsIsOn_AndInHelpersWithoutAttribute() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                using Xunit;

                public class ServerTests
                {
                    static Task<int> A() => Task.FromResult(1);
                    static Task<int> B() => Task.FromResult(2);

                    [Fact]
                    public async Task ServesFilesAsync()
                    {
                        [|var a = await A();|]
                        var b = await B();
                        System.Console.WriteLine(a + b);
                    }
                }
                """ + XunitStub.Source,
            EditorConfig = "async_pitfalls.AP0005.include_tests = true",
        }.RunAsync();

        [Fact]
        public Task Reports_TestHelperWithoutAttribute_EvenWhenTestsAreSkipped() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public class ServerTests
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B() => Task.FromResult(2);

                private static async Task<int> ArrangeAsync()
                {
                    [|var a = await A();|]
                    var b = await B();
                    return a + b;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_FanOutPassingTheSameValueOrConstant_TokensAside() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            static class C
            {
                static Task ExpectMaxAgeAsync(string path, TimeSpan maxAge, CancellationToken ct = default) => Task.CompletedTask;
                static Task Ping(string host, int port) => Task.CompletedTask;

                static async Task RunAsync(CancellationToken ct)
                {
                    await ExpectMaxAgeAsync("app/file.js", TimeSpan.FromDays(14), ct);
                    await ExpectMaxAgeAsync("fonts/file.ttf", TimeSpan.FromDays(14), ct);
                    Console.WriteLine();
                    await Ping("a", 80);
                    await Ping("b", 80);
                }
            }
            """);

        [Fact]
        public Task Reports_FanOutDifferingEverywhereButTheToken_NoneOrShared() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            static class C
            {
                static Task ExpectMaxAgeAsync(string path, TimeSpan maxAge, CancellationToken ct = default) => Task.CompletedTask;

                static async Task RunAsync(CancellationToken ct)
                {
                    [|await ExpectMaxAgeAsync("scripts/file.js", TimeSpan.FromDays(14), CancellationToken.None);|]
                    await ExpectMaxAgeAsync("images/file.avif", TimeSpan.FromDays(7), CancellationToken.None);
                    Console.WriteLine();
                    [|await ExpectMaxAgeAsync("app/file.js", TimeSpan.FromDays(1), ct);|]
                    await ExpectMaxAgeAsync("fonts/file.ttf", TimeSpan.FromDays(2), ct);
                }
            }
            """);
    }
}
