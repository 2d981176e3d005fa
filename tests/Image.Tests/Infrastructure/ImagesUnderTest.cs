namespace Image.Tests.Infrastructure;

/// <summary>
/// The images to test, named by the environment that <c>./build.sh ImageTest</c> sets after building them.
/// A missing variable fails the test loudly: these tests never skip.
/// </summary>
public static class ImagesUnderTest
{
    public const string HowToRun =
        "Run the image tests with ./build.sh ImageTest (add --profile offline where nothing can be pulled): " +
        "it builds the images and runs these tests with GATEWAY_IMAGE and ECHO_IMAGE set.";

    /// <summary>Full reference of the gateway image, e.g. 127.0.0.1:5000/gateway:main.</summary>
    public static string Gateway => Required("GATEWAY_IMAGE");

    /// <summary>The echo upstream image, e.g. gateway-echo:dev.</summary>
    public static string Echo => Required("ECHO_IMAGE");

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. {HowToRun}");
}
