using System.Xml.Linq;

/// <summary>Totals across the TRX files of a test run, printed as the run's closing line.</summary>
sealed record TestResults(int Total, int Passed, int Failed, int Skipped)
{
    public static TestResults Read(string directory)
    {
        XNamespace trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var counters = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.trx").Select(file => XDocument.Load(file).Descendants(trx + "Counters").Single()).ToList()
            : [];
        int Sum(string name) => counters.Sum(counter => (int?)counter.Attribute(name) ?? 0);
        var total = Sum("total");
        var passed = Sum("passed");
        var failed = Sum("failed") + Sum("error") + Sum("timeout") + Sum("aborted");
        return new TestResults(total, passed, failed, total - passed - failed);
    }

    public override string ToString() => $"Tests: {Passed} passed, {Failed} failed, {Skipped} skipped";
}
