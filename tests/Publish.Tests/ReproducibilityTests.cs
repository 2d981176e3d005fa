using Delivery.Reproducibility;
using Publish.Tests.Infrastructure;

namespace Publish.Tests;

/// <summary>
/// VerifyReproducible catches what breaks reproducibility: in a copy of the checkout, the gateway's project is made to
/// write its build time into the published app (the classic mistake), committed, and the real build is asked to prove
/// the commit rebuilds to the same digest. It must fail and name the file. The passing case runs in CI on every change
/// (.ci/run: both platforms) and against a pushed index in <see cref="MultiArchPublishTests"/>.
/// </summary>
[TestFixture]
[Category("Image")] // builds the gateway image twice
[Category("OfflineLab")] // the stand-in base images at 127.0.0.1:5000
[NonParallelizable]
public sealed class ReproducibilityTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    [Test]
    public async Task An_app_that_embeds_its_build_time_is_found_out_and_the_file_named()
    {
        using var root = await SourceBuildRoot.CreateAsync();
        var project = Path.Combine(root.Directory, "apps", "backend", "Gateway.csproj");
        var embedsBuildTime = """
              <Target Name="EmbedBuildTime" AfterTargets="Publish">
                <WriteLinesToFile File="$(PublishDir)build-time.txt" Lines="$([System.DateTime]::UtcNow.ToString('o'))" Overwrite="true" />
              </Target>
            </Project>
            """;
        await File.WriteAllTextAsync(project, (await File.ReadAllTextAsync(project)).Replace("</Project>", embedsBuildTime, StringComparison.Ordinal));
        await Tool.RunCheckedAsync("git", ["-c", "user.name=Reproducibility Tests", "-c", "user.email=tests@example.com", "-c", "commit.gpgsign=false",
            "commit", "--quiet", "--all", "-m", "Embed the build time"], root.Directory);

        var verify = await BuildProcess.RunAsync(root.Directory, ["VerifyReproducible", "--profile", "offline"], BuildTimeout);
        var report = ReproducibilityReport.Read(Path.Combine(root.Directory, "artifacts", "reproducibility.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verify.ExitCode, Is.Not.Zero, BuildProcess.Tail(verify));
            Assert.That(verify.StandardOutput, Does.Contain("is not reproducible").And.Contain("/app/build-time.txt"));
            Assert.That(report.AllIdentical, Is.False);
            Assert.That(report.Platforms.Single().Differences, Has.Some.StartsWith("/app/build-time.txt"), string.Join(Environment.NewLine, report.Platforms.Single().Differences));
            Assert.That(report.Platforms.Single().Differences, Has.None.StartsWith("/app/Gateway.dll"), "the app itself is deterministic");
        }
    }
}
