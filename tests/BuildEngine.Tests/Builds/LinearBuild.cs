namespace BuildEngine.Tests;

/// <summary>Restore → Compile → Test, with Compile as the default target.</summary>
public sealed class LinearBuild : TestBuild
{
    public override IReadOnlyCollection<string> DefaultTargets => [nameof(Compile)];

    public Target Restore => _ => _
        .Description("Restores packages.")
        .Executes(Record());

    public Target Compile => _ => _
        .Description("Compiles the code.")
        .DependsOn(Restore)
        .Executes(Record());

    public Target Test => _ => _
        .Description("Runs the tests.")
        .DependsOn(Compile)
        .Executes(Record());
}
