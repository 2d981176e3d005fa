using System.Collections.Concurrent;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A loopback OTLP/HTTP trace receiver (POST /v1/traces, binary protobuf), like a collector's otlp receiver on 4318,
/// that keeps every span it is sent.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    public const string TracesPath = "/v1/traces";
    private const string ProtobufContentType = "application/x-protobuf";
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private TestUpstream? _server;

    /// <summary>The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (the exporter appends /v1/traces).</summary>
    public Uri Endpoint => new(_server!.Address.ToString().TrimEnd('/'));

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    /// <summary>Method, path and content type of every request, to explain a failed assertion.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        receiver._server = await TestUpstream.StartAsync(app => app.MapPost(TracesPath, receiver.ReceiveAsync));
        return receiver;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        _requests.Enqueue($"{request.Method} {request.Path} {request.ContentType}");
        if (request.ContentType != ProtobufContentType)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        foreach (var span in OtlpSpan.Decode(body.ToArray()))
        {
            _spans.Enqueue(span);
        }

        // An empty ExportTraceServiceResponse: full success.
        return Results.Bytes([], ProtobufContentType);
    }
}
