namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>xUnit's test attribute, as source: the rules recognise test methods by attribute name and namespace.</summary>
    internal static class XunitStub
    {
        /// <summary>Appended to a test source that marks a method <c>[Fact]</c>.</summary>
        public const string Source = """

            namespace Xunit
            {
                public class FactAttribute : System.Attribute { }
            }
            """;
    }
}
