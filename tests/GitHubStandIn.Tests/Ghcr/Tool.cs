using CliWrap;
using CliWrap.Buffered;

namespace GitHubStandIn.Tests.Ghcr;

/// <summary>Runs docker or cosign to completion (2 minutes at most) with the test's own environment, keeping the output.</summary>
internal static class Tool
{
    /// <param name="check">Fail the test, with the output, when the tool exits non-zero.</param>
    public static async Task<BufferedCommandResult> RunAsync(string tool, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null, byte[]? input = null, bool check = true)
    {
        var list = arguments.ToList();
        var command = Cli.Wrap(tool).WithArguments(list).WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithWorkingDirectory(workingDirectory ?? Directory.GetCurrentDirectory());
        if (input is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromBytes(input));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await command.ExecuteBufferedAsync(timeout.Token);
        if (check && !result.IsSuccess)
        {
            Assert.Fail($"`{tool} {string.Join(' ', list)}` exited {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
        }

        return result;
    }
}
