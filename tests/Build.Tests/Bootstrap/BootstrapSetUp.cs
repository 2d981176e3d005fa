namespace Build.Tests.Bootstrap;

/// <summary>Deletes the bootstrap tests' shared copy of the build after the last of them.</summary>
[SetUpFixture]
public sealed class BootstrapSetUp
{
    [OneTimeTearDown]
    public async Task DeleteTheCopy()
    {
        if (BuildCopy.IsCreated)
        {
            (await BuildCopy.Shared).Dispose();
        }
    }
}
