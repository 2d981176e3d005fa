using Delivery.Images;

namespace Delivery.Storage;

/// <summary>
/// The container package behind an image on GHCR: <c>ghcr.io/acme/gateway</c> is the package <c>gateway</c> of the
/// organisation or user <c>acme</c> (the image path's first segment names the owner, the rest the package).
/// </summary>
public sealed record PackageCoordinates(string Owner, string Name)
{
    /// <summary>
    /// The package of <paramref name="image"/>: <paramref name="packageName"/> when given, else the image name's last
    /// segment; the owner is the image's first segment, or <paramref name="fallbackOwner"/> (the GitHub repository's
    /// owner) for a one-segment image name.
    /// </summary>
    public static PackageCoordinates For(ImageName image, string? packageName, string fallbackOwner)
    {
        var segments = image.Repository.Split('/');
        var owner = segments.Length > 1 ? segments[0] : fallbackOwner;
        var name = string.IsNullOrWhiteSpace(packageName) ? segments[^1] : packageName.Trim();
        return new PackageCoordinates(owner, name);
    }

    public override string ToString() => $"{Owner}/{Name}";
}
