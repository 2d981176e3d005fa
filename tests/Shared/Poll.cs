namespace TestSupport;

/// <summary>Explicit waits: re-check a condition until it holds or a deadline passes, never a fixed sleep.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Fails the test after <paramref name="timeout"/>, with <paramref name="diagnostics"/> (e.g. container logs) in
    /// the message. <paramref name="interval"/> (default 50 ms) is the pause between checks; a check that starts a
    /// process (docker inspect) wants a longer one.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what,
        Func<Task<string>>? diagnostics = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var details = diagnostics is null ? string.Empty : Environment.NewLine + await diagnostics();
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.{details}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);
}
