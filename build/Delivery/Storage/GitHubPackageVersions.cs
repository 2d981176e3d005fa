using Delivery.GitHub;
using Octokit;
using Serilog;
using Tooling;

namespace Delivery.Storage;

/// <summary>
/// A container package's versions through GitHub's REST API. GitHub has one endpoint family for organisations
/// (<c>/orgs/{org}/packages/…</c>) and one for users (<c>/users/{user}/packages/…</c>), and the image name does not
/// say which the owner is: the organisation endpoint is tried first and a 404 falls back to the user endpoint; the
/// answer is remembered for the deletions.
/// </summary>
public sealed class GitHubPackageVersions(IGitHubClient client, PackageCoordinates package, GitHubRetry retry, ILogger log) : IPackageVersionSource
{
    // GitHub's largest page: a package with 250 versions is listed in 3 requests instead of 9.
    private static readonly ApiOptions AllPages = new() { PageSize = 100 };

    private bool? ownedByUser;

    private IPackageVersionsClient Versions => client.Packages.PackageVersions;

    public async Task<IReadOnlyList<StoredVersion>> ListAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<PackageVersion> versions;
        if (ownedByUser != true)
        {
            try
            {
                versions = await retry.RunAsync($"listing the versions of {package} (organisation)",
                    () => Versions.GetAllForOrg(package.Owner, PackageType.Container, package.Name, PackageVersionState.Active, AllPages), cancellationToken);
                ownedByUser = false;
                return [.. versions.Select(ToStoredVersion)];
            }
            catch (NotFoundException)
            {
                // Not an organisation's package (or no such package): the user endpoint decides.
            }
        }

        try
        {
            versions = await retry.RunAsync($"listing the versions of {package} (user)",
                () => Versions.GetAllForUser(package.Owner, PackageType.Container, package.Name, PackageVersionState.Active, AllPages), cancellationToken);
            ownedByUser = true;
            return [.. versions.Select(ToStoredVersion)];
        }
        catch (NotFoundException exception)
        {
            throw new PackageNotFoundException(
                $"GitHub has no container package '{package.Name}' owned by '{package.Owner}' (neither an organisation's nor a user's). " +
                "Check --package-name and --image-name, and that the token may read the package (packages: read).", exception);
        }
    }

    public async Task DeleteAsync(StoredVersion version, CancellationToken cancellationToken = default)
    {
        if (ownedByUser is null)
        {
            throw new InvalidOperationException("List the versions before deleting one: the listing finds out whether an organisation or a user owns the package.");
        }

        // Octokit 14 takes the id as an int; GitHub's ids are far from its limit, and checked says so if that changes.
        var id = checked((int)version.Id);
        var operation = $"deleting version {version.Id} ({version.Label}) of {package}";
        try
        {
            await retry.RunAsync(operation, () => ownedByUser.Value
                ? Versions.DeleteForUser(package.Owner, PackageType.Container, package.Name, id)
                : Versions.DeleteForOrg(package.Owner, PackageType.Container, package.Name, id), cancellationToken);
        }
        catch (NotFoundException)
        {
            // GitHub may delete the version and still answer 5xx; the retry then finds it gone. The listing found the
            // package, so a 404 here means the version no longer exists, which is what the deletion wanted.
            log.Information("Version {Id} ({Label}) of {Package} was already gone (GitHub answered 404); counted as deleted",
                version.Id, version.Label, package.ToString());
        }
    }

    private static StoredVersion ToStoredVersion(PackageVersion version) =>
        new(version.Id, version.Name, version.Metadata?.Container?.Tags ?? [],
            AsUtc(version.CreatedAt), AsUtc(version.UpdatedAt));

    // GitHub sends UTC ('Z'); the deserialiser may hand it over as local time or unspecified.
    private static DateTimeOffset AsUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? new DateTimeOffset(time.ToUniversalTime()) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}

/// <summary>The package does not exist (or the token cannot see it): nothing was ever pushed under that name.</summary>
public sealed class PackageNotFoundException(string message, Exception? inner = null) : BuildFailedException(message, inner);
