namespace Build.Tests;

/// <summary>
/// Debian's chromium run headless, once per call, with a fresh profile and nothing that reaches the network (the lab is
/// offline): enough to lay a page out at a given window size, read back its DOM or take a screenshot.
/// </summary>
internal static class HeadlessChromium
{
    private const string Binary = "/usr/bin/chromium";

    /// <summary>The DOM after load (scripts run), as Chromium serialises it.</summary>
    public static async Task<string> DumpDomAsync(string page, int width, int height)
    {
        var result = await RunAsync(page, width, height, "--dump-dom");
        return result.StandardOutput;
    }

    public static async Task ScreenshotAsync(string page, int width, int height, string png)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        File.Delete(png);
        await RunAsync(page, width, height, $"--screenshot={png}");
        Assert.That(File.Exists(png), Is.True, $"chromium wrote no screenshot to {png}");
    }

    private static async Task<CliWrap.Buffered.BufferedCommandResult> RunAsync(string page, int width, int height, string action)
    {
        if (!File.Exists(Binary))
        {
            Assert.Fail($"{Binary} is missing: install it with `sudo apt-get install -y chromium` (scripts/ci/setup-offline.sh does).");
        }

        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        try
        {
            string[] arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
                $"--window-size={width},{height}", action, new Uri(page).AbsoluteUri,
            ];
            var result = await Repository.Run(Binary, arguments, Path.GetDirectoryName(page)!);
            Assert.That(result.ExitCode, Is.Zero, $"chromium {action} failed:\n{result.StandardError}");
            return result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
