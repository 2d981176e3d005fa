using System.Globalization;
using Delivery.Registry;
using Delivery.Storage;

namespace Delivery.Tests.Storage;

/// <summary>
/// A package built in memory for the planner's tests: versions with tags and ages, and their manifests (images with a
/// shared base layer and a layer of their own, indexes, cosign signatures, OCI referrers).
/// </summary>
internal sealed class TestPackage
{
    public const long BaseLayerSize = 30_000_000;
    public const long OwnLayerSize = 5_000_000;
    public const long ConfigSize = 1_000;
    public const long ManifestSize = 500;

    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly List<StoredVersion> versions = [];
    private readonly Dictionary<string, Manifest> manifests = new(StringComparer.Ordinal);
    private long next = 1000;

    public IReadOnlyList<StoredVersion> Versions => versions;

    public ReferenceGraph Graph => new(versions, manifests) { ReadFrom = "ghcr.io/acme/gateway" };

    public static string BaseLayer => FakeDigest(1);

    /// <summary>A (platform) image manifest: the shared base layer, a layer of its own and a config.</summary>
    public string Image(double daysOld, params string[] tags)
    {
        var digest = FakeDigest(++next);
        manifests[digest] = new Manifest(digest, ManifestMediaTypes.OciManifest, ManifestSize, [], null,
            new BlobReference(FakeDigest(++next), ConfigSize), [new BlobReference(BaseLayer, BaseLayerSize), new BlobReference(FakeDigest(++next), OwnLayerSize)]);
        return AddVersion(digest, daysOld, tags);
    }

    /// <summary>A multi-arch index over <paramref name="children"/>.</summary>
    public string Index(double daysOld, string[] children, params string[] tags)
    {
        var digest = FakeDigest(++next);
        manifests[digest] = new Manifest(digest, ManifestMediaTypes.OciIndex, ManifestSize, children, null, null, []);
        return AddVersion(digest, daysOld, tags);
    }

    /// <summary>A multi-arch image: two untagged platform manifests and the tagged index; returns the index.</summary>
    public string MultiArch(double daysOld, params string[] tags) => Index(daysOld, [Image(daysOld), Image(daysOld)], tags);

    /// <summary>cosign's signature of <paramref name="subject"/>, tagged sha256-&lt;hex&gt;.sig.</summary>
    public string Signature(string subject, double daysOld, string suffix = "sig")
    {
        var digest = FakeDigest(++next);
        manifests[digest] = new Manifest(digest, ManifestMediaTypes.OciManifest, ManifestSize, [], null, null, [new BlobReference(FakeDigest(++next), 300)]);
        return AddVersion(digest, daysOld, subject.Replace(':', '-') + "." + suffix);
    }

    /// <summary>An OCI referrer (an attestation pushed with a subject), untagged.</summary>
    public string Referrer(string subject, double daysOld)
    {
        var digest = FakeDigest(++next);
        manifests[digest] = new Manifest(digest, ManifestMediaTypes.OciManifest, ManifestSize, [], subject, null, [new BlobReference(FakeDigest(++next), 700)]);
        return AddVersion(digest, daysOld);
    }

    /// <summary>
    /// cosign 3's fallback on a registry without the Referrers API: an OCI index tagged <c>sha256-&lt;hex&gt;</c> (no
    /// suffix) listing the signature, itself a referrer of <paramref name="subject"/>; returns the index.
    /// </summary>
    public string ReferrersIndex(string subject, double daysOld) =>
        Index(daysOld, [Referrer(subject, daysOld)], subject.Replace(':', '-'));

    /// <summary>The registry no longer returns the manifest (GitHub still lists the version).</summary>
    public void LoseManifest(string digest) => manifests.Remove(digest);

    public StoredVersion VersionOf(string digest) => versions.Single(version => version.Digest == digest);

    public CleanupPlan Plan(CleanupPolicy? policy = null) => CleanupPlanner.Plan(versions, Graph, policy ?? new CleanupPolicy(), Now);

    public static string FakeDigest(long number) => "sha256:" + number.ToString("x64", CultureInfo.InvariantCulture);

    private string AddVersion(string digest, double daysOld, params string[] tags)
    {
        var pushed = Now.AddDays(-daysOld);
        versions.Add(new StoredVersion(++next, digest, tags, pushed, pushed));
        return digest;
    }
}
