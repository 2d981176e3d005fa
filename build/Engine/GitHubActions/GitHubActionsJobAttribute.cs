namespace BuildEngine;

/// <summary>
/// One job of a generated workflow: runs <c>./build.sh &lt;InvokedTargets&gt;</c>. Targets that a job it needs
/// already ran are skipped (their produced files are downloaded); the job needs every job whose invoked
/// targets its own targets depend on or run after.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsJobAttribute(string workflow, string id, params string[] invokedTargets) : Attribute
{
    public string Workflow { get; } = workflow;
    public string Id { get; } = id;
    public string[] InvokedTargets { get; } = invokedTargets;
    public string? DisplayName { get; set; }

    /// <summary>Runner label; ignored when <see cref="Platforms"/> makes a matrix (each platform has its runner).</summary>
    public string RunsOn { get; set; } = "ubuntu-24.04";

    /// <summary>A matrix over these platforms (linux/amd64, linux/arm64), each on its own native runner.</summary>
    public string[] Platforms { get; set; } = [];

    /// <summary>The parameter that receives the matrix platform (through its environment variable).</summary>
    public string PlatformParameter { get; set; } = "Platform";

    /// <summary>Extra arguments for ./build.sh (e.g. "--configuration Release").</summary>
    public string[] Arguments { get; set; } = [];
}
