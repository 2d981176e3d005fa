using System.Runtime.CompilerServices;
using Tooling;

namespace BuildEngine.Tests;

/// <summary>
/// The base of the tests' builds: records which target actions ran, and can make chosen targets fail.
/// </summary>
public abstract class TestBuild : BuildBase
{
    /// <summary>Names of the targets whose actions ran, in order.</summary>
    public List<string> Executed { get; } = [];

    /// <summary>Targets whose recorded action throws after recording itself.</summary>
    public HashSet<string> Failing { get; init; } = [];

    /// <summary>The outcome <see cref="OnBuildFinished"/> was called with; null if it was not called.</summary>
    public bool? FinishedWith { get; private set; }

    protected internal override void OnBuildFinished(bool succeeded) => FinishedWith = succeeded;

    /// <summary>Where the tests' builds say their files go (Produces, Consumes, EveryJobUploads), as the real build does.</summary>
    protected AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    /// <summary>A file every job of a workflow uploads (<c>EveryJobUploads = [nameof(BuildMetricsFile)]</c>).</summary>
    protected AbsolutePath BuildMetricsFile => ArtifactsDirectory / "build-metrics.json";

    /// <summary>What <c>Execute&lt;T&gt;(x =&gt; x.Default)</c> would name.</summary>
    public virtual IReadOnlyCollection<string> DefaultTargets => [];

    /// <summary>An action that records the target it belongs to (the enclosing property's name).</summary>
    protected Action Record([CallerMemberName] string target = "") => () =>
    {
        Executed.Add(target);
        if (Failing.Contains(target))
        {
            throw new InvalidOperationException($"{target} failed on purpose.");
        }
    };
}
