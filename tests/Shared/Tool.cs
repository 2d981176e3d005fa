using CliWrap;
using CliWrap.Buffered;
using Tooling;

namespace TestSupport;

/// <summary>
/// Runs a program to completion (2 minutes at most unless told) and keeps its output; a missing program fails the test
/// saying what to install.
/// </summary>
internal static class Tool
{
    public static async Task<BufferedCommandResult> RunAsync(string tool, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, PipeSource? standardInput = null, TimeSpan? timeout = null)
    {
        var command = Cli.Wrap(Require(tool))
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>());
        if (workingDirectory is not null)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        if (standardInput is not null)
        {
            command = command.WithStandardInputPipe(standardInput);
        }

        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        return await command.ExecuteBufferedAsync(cancellation.Token);
    }

    /// <summary>Like <see cref="RunAsync"/>, failing the test on a non-zero exit code with the program's output.</summary>
    public static async Task<BufferedCommandResult> RunCheckedAsync(string tool, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, PipeSource? standardInput = null)
    {
        var list = arguments.ToList();
        var result = await RunAsync(tool, list, workingDirectory, environment, standardInput);
        if (!result.IsSuccess)
        {
            Assert.Fail($"`{tool} {string.Join(' ', list)}` exited {result.ExitCode}:{Environment.NewLine}{result.StandardOutput}{result.StandardError}");
        }

        return result;
    }

    /// <summary>The program's path on PATH; these tests never skip, so a missing one is a failure.</summary>
    public static string Require(string tool) =>
        Tooling.ToolResolver.TryResolve(tool)
        ?? throw new InvalidOperationException(
            $"'{tool}' is not on PATH. The tests that run tools need docker (with a running engine), docker-registry, htpasswd (apache2-utils) and cosign: " +
            "on this project's offline machines run scripts/ci/setup-offline.sh.");
}
