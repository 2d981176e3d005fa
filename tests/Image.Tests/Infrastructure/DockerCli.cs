using CliWrap;
using CliWrap.Buffered;

namespace Image.Tests.Infrastructure;

/// <summary>The <c>docker</c> command line, as a user would run it; every call has a timeout.</summary>
public static class DockerCli
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs docker and returns its result whatever the exit code.</summary>
    public static async Task<BufferedCommandResult> RunAsync(IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        return await Command(arguments, environment, workingDirectory).ExecuteBufferedAsync(cancellation.Token);
    }

    /// <summary>Runs docker and fails the test, with docker's own error, unless it exits 0; returns the trimmed output.</summary>
    public static async Task<string> RunCheckedAsync(IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var result = await RunAsync(arguments, environment, workingDirectory, timeout);
        if (!result.IsSuccess)
        {
            Assert.Fail($"`{Describe(arguments)}` exited {result.ExitCode}: {result.StandardError.Trim()}{Environment.NewLine}{result.StandardOutput.Trim()}");
        }

        return result.StandardOutput.Trim();
    }

    /// <summary><c>docker inspect --format FORMAT TARGET</c> (a container or an image).</summary>
    public static Task<string> InspectAsync(string target, string format) => RunCheckedAsync(["inspect", "--format", format, target]);

    /// <summary>Runs docker and hands its standard output, as a stream, to <paramref name="readOutput"/> (e.g. <c>docker export</c>).</summary>
    public static async Task StreamAsync(IReadOnlyList<string> arguments, Func<Stream, CancellationToken, Task> readOutput, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var errors = new System.Text.StringBuilder();
        var result = await Command(arguments)
            .WithStandardOutputPipe(PipeTarget.Create(readOutput))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
            .ExecuteAsync(cancellation.Token);
        if (!result.IsSuccess)
        {
            Assert.Fail($"`{Describe(arguments)}` exited {result.ExitCode}: {errors.ToString().Trim()}");
        }
    }

    public static string Describe(IReadOnlyList<string> arguments) => $"docker {string.Join(' ', arguments)}";

    private static Command Command(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var command = Cli.Wrap("docker").WithArguments(arguments).WithValidation(CommandResultValidation.None);
        if (environment is not null)
        {
            command = command.WithEnvironmentVariables(environment);
        }

        return workingDirectory is null ? command : command.WithWorkingDirectory(workingDirectory);
    }
}
