namespace Image.Tests.Infrastructure;

/// <summary>Explicit waits: re-check a condition until it holds or a deadline passes, never a fixed sleep.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Fails the test after <paramref name="timeout"/>, with <paramref name="diagnostics"/> (e.g. container logs) in the message.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<Task<string>>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var details = diagnostics is null ? string.Empty : Environment.NewLine + await diagnostics();
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.{details}");
            }

            await Task.Delay(Interval);
        }
    }
}
