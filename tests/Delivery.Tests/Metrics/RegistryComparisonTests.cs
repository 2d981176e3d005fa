using Delivery.Events;
using Delivery.Metrics;
using Delivery.Registry;
using Delivery.Tags;

namespace Delivery.Tests.Metrics;

/// <summary>When the image report asks the registry for the previous image, and which tag it asks for.</summary>
public sealed class RegistryComparisonTests
{
    [TestCase("127.0.0.1:5000")]
    [TestCase("localhost:5000")]
    [TestCase("[::1]:5000")]
    [TestCase("127.0.0.1")]
    public void A_loopback_registry_is_queried_on_a_local_build(string registry) =>
        Assert.That(RegistryComparisonPolicy.WhyNotQuery(registry, onCi: false, requested: false), Is.Null);

    [Test]
    public void A_remote_registry_is_queried_on_ci_or_when_asked()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RegistryComparisonPolicy.WhyNotQuery("ghcr.io", onCi: true, requested: false), Is.Null);
            Assert.That(RegistryComparisonPolicy.WhyNotQuery("ghcr.io", onCi: false, requested: true), Is.Null);
        }
    }

    [Test]
    public void A_remote_registry_on_a_local_build_is_not_queried_and_the_report_says_how_to_ask()
    {
        Assert.That(RegistryComparisonPolicy.WhyNotQuery("ghcr.io", onCi: false, requested: false),
            Is.EqualTo("not compared: a local build does not query ghcr.io (pass --compare-image-size to compare)"));
    }

    [TestCase("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [TestCase("localhost:5000", "http://localhost:5000/")]
    [TestCase("ghcr.io", "https://ghcr.io/")]
    [TestCase("registry.example.com:8443", "https://registry.example.com:8443/")]
    public void Loopback_registries_are_plain_http_others_https(string registry, string expected) =>
        Assert.That(RegistryAddress.BaseUri(registry), Is.EqualTo(new Uri(expected)));

    [TestCase("refs/heads/main", "main")]
    [TestCase("refs/heads/feature/size", "feature-size")]
    [TestCase("refs/tags/v1.2.3", null)]
    [TestCase("refs/pull/42/merge", null)]
    public void The_comparison_uses_the_branch_s_moving_tag(string gitRef, string? expected)
    {
        var context = new EventContext { EventName = "push", Ref = gitRef, Sha = "1912808f55c36afe47bec19ba586458e2e156a1e" };
        var tags = TagEvaluator.Evaluate(DefaultTagRules.Create("1.2.4-3"), DefaultTagRules.Flavor, context);

        Assert.That(BranchTag.Of(tags), Is.EqualTo(expected));
    }

    [Test]
    public void A_bearer_challenge_is_read_into_its_parameters()
    {
        var challenge = AuthenticationChallenge.Parse("Bearer", "realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:acme/gateway:pull\"");

        Assert.That(challenge.Parameters, Is.EqualTo(new Dictionary<string, string>
        {
            ["realm"] = "https://ghcr.io/token",
            ["service"] = "ghcr.io",
            ["scope"] = "repository:acme/gateway:pull",
        }));
    }
}
