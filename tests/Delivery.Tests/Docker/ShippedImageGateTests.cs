using Delivery.Docker;

namespace Delivery.Tests.Docker;

/// <summary><see cref="ShippedImageGate"/>: what PushByDigest refuses before it pushes anything.</summary>
public sealed class ShippedImageGateTests
{
    private const string Built = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Other = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private static readonly PlatformBuild Build = new("127.0.0.1:5000/gateway:main", ".nuke/temp/images/gateway-linux-amd64.oci.tar", Built, Built,
        "sha256:3333333333333333333333333333333333333333333333333333333333333333");

    [Test]
    public void The_built_image_tested_and_scanned_may_go() =>
        Assert.That(ShippedImageGate.Problems("linux/amd64", Build with { Tested = Built, Scanned = Built }, Built, false, false), Is.Empty);

    [Test]
    public void An_image_swapped_in_after_scan_is_refused_naming_both_ids()
    {
        var problems = ShippedImageGate.Problems("linux/amd64", Build with { Tested = Built, Scanned = Built }, Other, false, false);

        Assert.That(problems, Has.One.Contains(Other).And.Contains(Built).And.Contains("./build.sh DockerBuild ImageTest Scan PushByDigest"));
    }

    [Test]
    public void An_image_other_than_the_tested_one_is_refused_naming_both_ids()
    {
        var problems = ShippedImageGate.Problems("linux/amd64", Build with { Tested = Other, Scanned = Built }, Built, false, false);

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"PushByDigest would push the linux/amd64 image {Built}, but ImageTest tested {Other}: build, test, scan and push in one run: ./build.sh DockerBuild ImageTest Scan PushByDigest.",
        }));
    }

    [Test]
    public void A_check_that_never_ran_is_required_and_named_with_the_target_to_run()
    {
        var problems = ShippedImageGate.Problems("linux/arm64", Build with { Tested = Built }, Built, false, false);

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"Scan has not scanned the linux/arm64 image {Built}: run ./build.sh ImageTest Scan PushByDigest (to push it without Scan on purpose: ./build.sh Scan PushByDigest --skip Scan).",
        }));
    }

    [Test]
    public void A_check_skipped_on_purpose_is_not_required_but_a_swapped_image_still_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ShippedImageGate.Problems("linux/amd64", Build, Built, testSkipped: true, scanSkipped: true), Is.Empty);
            Assert.That(ShippedImageGate.Problems("linux/amd64", Build, Other, testSkipped: true, scanSkipped: true), Has.Count.EqualTo(1));
            Assert.That(ShippedImageGate.Problems("linux/amd64", Build, null, testSkipped: true, scanSkipped: true).Single(), Does.Contain("is now gone"));
        });
    }
}
