using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CliWrap;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// GitHub's own workflow parser and expression engine (@actions/workflow-parser, @actions/expressions) in one
/// node process of build/workflow-host, spoken to in JSON lines: a workflow GitHub would reject is rejected here
/// with GitHub's message, and every <c>${{ }}</c> is evaluated by the code GitHub evaluates it with.
/// </summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private readonly Channel<string> requests = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> pending = new();
    private readonly CancellationTokenSource stop = new();
    private readonly StringBuilder errors = new();
    private Task<CommandResult> process = null!;
    private int nextId;

    private WorkflowHost()
    {
    }

    /// <summary>Starts the host from <paramref name="directory"/>, restoring its npm packages first when they are missing.</summary>
    public static async Task<WorkflowHost> StartAsync(RehearsalTools tools, AbsolutePath directory, Serilog.ILogger log)
    {
        if (!(directory / "node_modules" / "@actions" / "workflow-parser").DirectoryExists())
        {
            await tools.Npm(["ci", "--prefix", directory, "--no-audit", "--no-fund", "--loglevel=error"],
                new ToolOptions { InstallHint = "Install Node.js 20 or later (with npm): the rehearsal runs GitHub's workflow parser on it." });
        }

        var node = ToolResolver.Resolve("node", "Install Node.js 20 or later: the rehearsal runs GitHub's workflow parser on it.");
        var host = new WorkflowHost();
        string[] arguments = ["--import", "./register.mjs", "host.mjs"];
        log.Information("> {Command}", ToolRunner.Describe(node, arguments));
        host.process = Cli.Wrap(node)
            .WithArguments(arguments)
            .WithWorkingDirectory(directory)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(PipeSource.Create(host.WriteRequestsAsync))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(host.Receive))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (host.errors)
                {
                    host.errors.AppendLine(line);
                }
            }))
            .ExecuteAsync(CancellationToken.None, host.stop.Token);
        _ = host.process.ContinueWith(_ => host.FailPending(), TaskScheduler.Default);
        return host;
    }

    /// <summary>Parses and validates one workflow file; GitHub's messages when it would reject it.</summary>
    public async Task<ParsedWorkflow> ParseAsync(string fileName, string content)
    {
        var response = await SendAsync(new JsonObject { ["op"] = "parse", ["name"] = fileName, ["content"] = content });
        if (response["ok"]?.GetValue<bool>() == true)
        {
            return new ParsedWorkflow(fileName, response["workflow"]!.AsObject(), []);
        }

        var messages = response["errors"]?.AsArray().Select(error => error!.ToString()).ToList() ?? [response["error"]?.ToString() ?? "unknown error"];
        return new ParsedWorkflow(fileName, null, messages);
    }

    /// <summary>Evaluates an expression (without <c>${{ }}</c>) against the contexts and the status functions.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, ExpressionScope scope)
    {
        var response = await SendAsync(scope.Request("evaluate", "expression", expression));
        return response["ok"]?.GetValue<bool>() == true
            ? response["value"]?.DeepClone()
            : throw new BuildFailedException($"The expression '{expression}' cannot be evaluated: {response["error"]}");
    }

    /// <summary>A string with <c>${{ }}</c> parts, as GitHub renders it (null → empty, booleans → true/false).</summary>
    public async Task<string> InterpolateAsync(string text, ExpressionScope scope)
    {
        if (!text.Contains("${{", StringComparison.Ordinal))
        {
            return text;
        }

        var response = await SendAsync(scope.Request("interpolate", "text", text));
        return response["ok"]?.GetValue<bool>() == true
            ? response["value"]?.ToString() ?? ""
            : throw new BuildFailedException($"'{text}' cannot be evaluated: {response["error"]}");
    }

    /// <summary>True when the expression's value is truthy as GitHub decides it (if: conditions).</summary>
    public async Task<bool> IsTrueAsync(string expression, ExpressionScope scope) =>
        IsTruthy(await EvaluateAsync(StripBraces(expression), scope));

    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue scalar when scalar.TryGetValue(out bool boolean) => boolean,
        JsonValue scalar when scalar.TryGetValue(out double number) => number != 0 && !double.IsNaN(number),
        JsonValue scalar when scalar.TryGetValue(out string? text) => !string.IsNullOrEmpty(text),
        _ => true,
    };

    /// <summary>`${{ x }}` written around an if: condition is the same as x.</summary>
    public static string StripBraces(string expression)
    {
        var trimmed = expression.Trim();
        return trimmed.StartsWith("${{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal)
               && trimmed.IndexOf("${{", 3, StringComparison.Ordinal) < 0
            ? trimmed[3..^2].Trim()
            : trimmed;
    }

    private async Task<JsonObject> SendAsync(JsonObject request)
    {
        var id = Interlocked.Increment(ref nextId);
        request["id"] = id;
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = completion;
        if (process.IsCompleted)
        {
            FailPending();
        }

        await requests.Writer.WriteAsync(request.ToJsonString());
        return await completion.Task;
    }

    private async Task WriteRequestsAsync(Stream input, CancellationToken cancellation)
    {
        await using var writer = new StreamWriter(input, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        await foreach (var line in requests.Reader.ReadAllAsync(cancellation))
        {
            await writer.WriteLineAsync(line);
        }
    }

    private void Receive(string line)
    {
        if (JsonNode.Parse(line) is JsonObject response && response["id"]?.GetValue<int>() is { } id && pending.TryRemove(id, out var completion))
        {
            completion.SetResult(response);
        }
    }

    private void FailPending()
    {
        string stderr;
        lock (errors)
        {
            stderr = errors.ToString().Trim();
        }

        foreach (var id in pending.Keys)
        {
            if (pending.TryRemove(id, out var completion))
            {
                completion.TrySetException(new BuildFailedException(
                    $"The workflow host (build/workflow-host, node) stopped: {(stderr.Length > 0 ? stderr : "no message")}. Run `npm ci --prefix build/workflow-host` and check `node --version` (20 or later)."));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        requests.Writer.TryComplete();
        try
        {
            await process.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            await stop.CancelAsync();
        }

        stop.Dispose();
    }
}

/// <summary>One workflow file as GitHub's parser returned it: its model (see build/workflow-host/README.md) or its errors.</summary>
public sealed record ParsedWorkflow(string FileName, JsonObject? Model, IReadOnlyList<string> Errors);
