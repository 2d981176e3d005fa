using System.Globalization;

namespace Image.Tests.Infrastructure;

/// <summary>
/// The images to test, named by the environment that <c>./build.sh ImageTest</c> sets after building them.
/// A missing variable fails the test loudly: these tests never skip.
/// </summary>
public static class ImagesUnderTest
{
    public const string HowToRun =
        "Run the image tests with ./build.sh ImageTest (add --profile offline where nothing can be pulled): " +
        "it builds the images and runs these tests with GATEWAY_IMAGE, ECHO_IMAGE and IMAGE_SIZE_BUDGET_MB set.";

    /// <summary>Full reference of the gateway image, e.g. 127.0.0.1:5000/gateway:main.</summary>
    public static string Gateway => Required("GATEWAY_IMAGE");

    /// <summary>The echo upstream image, e.g. gateway-echo:dev.</summary>
    public static string Echo => Required("ECHO_IMAGE");

    /// <summary>Largest acceptable uncompressed size of the gateway image, in MB (10^6 bytes).</summary>
    public static int SizeBudgetMegabytes
    {
        get
        {
            var value = Required("IMAGE_SIZE_BUDGET_MB");
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes) && megabytes > 0
                ? megabytes
                : throw new InvalidOperationException($"IMAGE_SIZE_BUDGET_MB must be a positive integer (was '{value}'). {HowToRun}");
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. {HowToRun}");
}
