using System.Xml.Linq;

/// <summary>
/// Totals across the TRX files of a test run, printed as the run's closing line, and the names of the tests that did
/// not pass, so a failure in a log that keeps only its tail (a CI summary, a rehearsal report) still says which test.
/// </summary>
sealed record TestResults(int Total, int Passed, int Failed, int Skipped, IReadOnlyList<string> FailedTests)
{
    static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    static readonly string[] FailedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];

    public static TestResults Read(string directory)
    {
        var documents = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.trx").Select(XDocument.Load).ToList()
            : [];
        var counters = documents.Select(document => document.Descendants(Trx + "Counters").Single()).ToList();
        int Sum(string name) => counters.Sum(counter => (int?)counter.Attribute(name) ?? 0);
        var total = Sum("total");
        var passed = Sum("passed");
        var failed = Sum("failed") + Sum("error") + Sum("timeout") + Sum("aborted");
        var failedTests = documents
            .SelectMany(document => document.Descendants(Trx + "UnitTestResult"))
            .Where(result => FailedOutcomes.Contains((string?)result.Attribute("outcome")))
            .Select(Describe)
            .ToList();
        return new TestResults(total, passed, failed, total - passed - failed, failedTests);
    }

    /// <summary>"TestName: first line of its message", the message cut to one line.</summary>
    static string Describe(XElement result)
    {
        var name = (string?)result.Attribute("testName") ?? "(unnamed test)";
        var message = result.Descendants(Trx + "Message").FirstOrDefault()?.Value.Trim().Split('\n')[0].Trim();
        return string.IsNullOrEmpty(message) ? name : $"{name}: {message}";
    }

    /// <summary>"1158 passed, 0 failed, 0 skipped": the target's note in the build summary.</summary>
    public string Counts => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    public override string ToString() => $"Tests: {Counts}";
}
