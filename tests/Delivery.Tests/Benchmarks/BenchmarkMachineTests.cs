using Delivery.Benchmarks;

namespace Delivery.Tests.Benchmarks;

/// <summary>The benchmark's machine fingerprint: parsed from /proc, and compared before figures are.</summary>
public sealed class BenchmarkMachineTests
{
    private const string CpuInfo = """
        processor	: 0
        vendor_id	: GenuineIntel
        model name	: Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz
        processor	: 1
        vendor_id	: GenuineIntel
        model name	: Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz
        """;

    private const string MemInfo = """
        MemTotal:        8123456 kB
        MemFree:         1234567 kB
        """;

    private static MachineFingerprint Machine() => MachineFingerprint.Parse(CpuInfo, MemInfo, "6.1.0-28-amd64\n", "20.10.24+dfsg1\n");

    [Test]
    public void Parses_cpu_memory_kernel_and_docker()
    {
        var machine = Machine();

        Assert.Multiple(() =>
        {
            Assert.That(machine.CpuModel, Is.EqualTo("Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz"));
            Assert.That(machine.CpuCount, Is.EqualTo(2));
            Assert.That(machine.MemoryBytes, Is.EqualTo(8123456L * 1024));
            Assert.That(machine.Kernel, Is.EqualTo("6.1.0-28-amd64"));
            Assert.That(machine.DockerVersion, Is.EqualTo("20.10.24+dfsg1"));
        });
    }

    [Test]
    public void The_same_machine_has_no_differences_even_with_slightly_different_memory()
    {
        var machine = Machine();

        Assert.That(machine.Differences(machine with { MemoryBytes = machine.MemoryBytes - 4096 * 1024 }), Is.Empty);
    }

    [Test]
    public void Every_differing_property_is_named()
    {
        var machine = Machine();
        var other = new MachineFingerprint("AMD EPYC 7763", 4, machine.MemoryBytes * 2, "6.8.0", "28.0.1");

        var differences = machine.Differences(other);

        Assert.That(differences, Has.Count.EqualTo(5));
        Assert.That(differences[0], Does.StartWith("CPU model: AMD EPYC 7763 vs Intel"));
        Assert.That(differences, Has.Some.StartsWith("CPU count: 4 vs 2"));
        Assert.That(differences, Has.Some.StartsWith("kernel: 6.8.0 vs 6.1.0-28-amd64"));
        Assert.That(differences, Has.Some.StartsWith("Docker engine: 28.0.1 vs 20.10.24+dfsg1"));
        Assert.That(differences, Has.Some.StartsWith("memory:"));
    }

    [Test]
    public void A_report_survives_its_json_round_trip()
    {
        var report = new BenchmarkReport(Machine(), new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero), "abc1234",
            [new BenchmarkFigure("Image size", 123.6, "MB", "docker image inspect")]);

        var read = BenchmarkReport.FromJson(report.ToJson());

        Assert.That(read.Machine, Is.EqualTo(report.Machine));
        Assert.That(read.Figures, Is.EqualTo(report.Figures));
        Assert.That(read.Commit, Is.EqualTo("abc1234"));
    }

    [Test]
    public void Median_of_odd_and_even_counts()
    {
        Assert.That(Statistics.Median([5, 1, 3]), Is.EqualTo(3));
        Assert.That(Statistics.Median([4, 1, 3, 2]), Is.EqualTo(2.5));
    }

    [Test]
    public void Hyperfine_mean_is_read_from_its_export()
    {
        const string json = """{ "results": [ { "command": "./build.sh --help", "mean": 0.8123, "stddev": 0.01 } ] }""";

        Assert.That(HyperfineExport.MeanSeconds(json), Is.EqualTo(0.8123));
    }
}
