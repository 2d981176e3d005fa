namespace BuildEngine.Tests;

/// <summary>Base of the test classes: a fresh <see cref="TestRepository"/> per test, deleted afterwards.</summary>
public abstract class BuildFixture
{
    private TestRepository? repository;

    protected TestRepository Repository => repository ?? throw new InvalidOperationException("The repository exists only during a test.");

    [SetUp]
    public void CreateRepository() => repository = new TestRepository();

    [TearDown]
    public void DeleteRepository()
    {
        repository?.Dispose();
        repository = null;
    }

    protected Task<BuildResult> RunAsync(TestBuild build, params string[] arguments) => Repository.RunAsync(build, arguments);
}
