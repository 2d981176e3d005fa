namespace BuildEngine.Tests;

/// <summary>Sets variables of this test process and puts back what they were when disposed (tests that use it are NonParallelizable).</summary>
public sealed class ProcessVariables : IDisposable
{
    private readonly Dictionary<string, string?> saved = [];

    /// <summary>Sets (or, with null, removes) a variable of this process until <see cref="Dispose"/>.</summary>
    public void Set(string name, string? value)
    {
        saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        saved.Clear();
    }
}
