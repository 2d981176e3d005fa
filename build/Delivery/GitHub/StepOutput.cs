namespace Delivery.GitHub;

/// <summary>Step outputs on GitHub Actions: <c>name=value</c> lines appended to the file $GITHUB_OUTPUT names.</summary>
public static class StepOutput
{
    /// <summary>Appends the output if the build runs in a GitHub Actions step; returns whether it did.</summary>
    public static bool TryWrite(IReadOnlyDictionary<string, string> environment, string name, string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("A one-line step output cannot contain a line break.", nameof(value));
        }

        var path = environment.GetValueOrDefault("GITHUB_OUTPUT");
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        File.AppendAllText(path, $"{name}={value}\n");
        return true;
    }
}
