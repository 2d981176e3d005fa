namespace BuildEngine;

/// <summary>
/// Ctrl-C and SIGTERM cancel the running target; assured targets then still run, with a token of their own
/// so that the tools they start are not killed at once. A second Ctrl-C ends the process.
/// </summary>
internal sealed class BuildCancellation : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly List<IDisposable> registrations = [];
    private bool assuredPhase;

    public CancellationToken BuildToken => source.Token;

    /// <summary>The token tools should honour right now.</summary>
    public CancellationToken Current => assuredPhase ? CancellationToken.None : source.Token;

    public bool IsCancelled => source.IsCancellationRequested;

    public void ListenToSignals()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        registrations.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            context =>
            {
                context.Cancel = true;
                Cancel();
            }));
    }

    public void Cancel()
    {
        if (source.IsCancellationRequested)
        {
            Environment.Exit(130);
        }

        source.Cancel();
    }

    internal void EnterAssuredPhase() => assuredPhase = true;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        registrations.ForEach(registration => registration.Dispose());
        source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Cancel();
    }
}
