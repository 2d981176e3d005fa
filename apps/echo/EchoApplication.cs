namespace Echo;

/// <summary>An upstream that answers every request with what it received, for local runs and tests.</summary>
public static class EchoApplication
{
    public const string HealthPath = "/healthz";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var app = builder.Build();
        app.MapGet(HealthPath, () => Results.Ok(new { status = "Healthy" }));
        app.Map("/{**path}", EchoAsync);
        return app;
    }

    private static async Task<IResult> EchoAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return Results.Json(EchoedRequest.From(request, body));
    }
}
