using System.Net;

namespace Jackpot.Reactive;

/// <summary>The server answered a subscribe request with something other than a <c>200 text/event-stream</c> response.</summary>
/// <remarks>
/// <see cref="IsTransient"/> follows the retry table: 5xx, 408 and 429 are retried (429 and 503 no sooner than
/// <see cref="RetryAfter"/>); 204, 401, 403, 404, other 4xx and a wrong content type are terminal.
/// </remarks>
public sealed class SseHttpException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SseHttpException()
        : this("The server rejected the event stream.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public SseHttpException(string message)
        : base(message) => Headers = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public SseHttpException(string message, Exception innerException)
        : base(message, innerException) => Headers = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Creates the exception for a response.</summary>
    /// <param name="statusCode">The response status.</param>
    /// <param name="contentType">The response media type, or null.</param>
    /// <param name="headers">The response and content headers.</param>
    /// <param name="retryAfter">The delay the server asked for with <c>Retry-After</c>, or null.</param>
    public SseHttpException(
        HttpStatusCode statusCode,
        string? contentType,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        TimeSpan? retryAfter)
        : base(Describe(statusCode, contentType))
    {
        ArgumentNullException.ThrowIfNull(headers);
        StatusCode = statusCode;
        ContentType = contentType;
        Headers = headers;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the response status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets the response media type as the server sent it, without parameters, or null when there was none.</summary>
    /// <remarks>A <c>200</c> response is an event stream when this is <c>text/event-stream</c> in any letter case,
    /// whatever its parameters.</remarks>
    public string? ContentType { get; }

    /// <summary>Gets the response headers (content headers included), by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Gets the delay the server asked for with <c>Retry-After</c>, or null.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets a value indicating whether the failure is retried: 5xx, 408 and 429.</summary>
    public bool IsTransient => (int)StatusCode is >= 500 and <= 599 or 408 or 429;

    private static string Describe(HttpStatusCode statusCode, string? contentType) =>
        statusCode == HttpStatusCode.OK
            ? $"The server answered 200 with content type '{contentType ?? "(none)"}' instead of text/event-stream."
            : $"The server answered {(int)statusCode} ({statusCode}) instead of an event stream.";
}
