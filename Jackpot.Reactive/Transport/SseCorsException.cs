namespace Jackpot.Reactive;

/// <summary>
/// In the browser, a cross-origin request was refused by CORS: the request with the headers in
/// <see cref="RefusedHeaders"/> failed as a network error while the same request without them was answered, so the
/// server (or a proxy before it) refused the preflight those headers need.
/// </summary>
/// <remarks>
/// <para>
/// A browser reports a CORS refusal to scripts as a network error on purpose (in .NET an
/// <see cref="HttpRequestException"/> whose message is <c>TypeError: Failed to fetch</c>); only the browser's console
/// says more. The client tells the two apart by asking again without the headers that need a preflight: this exception
/// is its conclusion, and stays an inference (a network failure between the two requests would look the same).
/// A request that needs no preflight (no such header) and fails cannot be told apart: it stays a network error.
/// </para>
/// <para>
/// When the only refused header is <c>Last-Event-ID</c>, the stream goes on without it: the channel's
/// <see cref="ChannelState.Open"/> status says <see cref="StreamContinuity.GapPossible"/> with this exception as its
/// <see cref="ChannelStatus.Cause"/>. When extra headers (for example <c>Authorization</c>) are refused, the attempt
/// fails with it; the default <see cref="ReconnectPolicy.ShouldRetry"/> retries it (it is an
/// <see cref="HttpRequestException"/>), since a server's CORS settings can change — make it terminal with a
/// <see cref="ReconnectPolicy.ShouldRetry"/> of your own. The fix is on the server: allow the headers in
/// <c>Access-Control-Allow-Headers</c> of its preflight answer (see <c>docs/ui.md</c>).
/// </para>
/// </remarks>
public sealed class SseCorsException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    public SseCorsException()
        : this("The server refused the CORS preflight of the event-stream request.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public SseCorsException(string message)
        : base(message) => RefusedHeaders = [];

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause: the network error the browser reported.</param>
    public SseCorsException(string message, Exception innerException)
        : base(message, innerException) => RefusedHeaders = [];

    /// <summary>Creates the exception for refused request headers.</summary>
    /// <param name="refusedHeaders">The names of the request headers whose preflight was refused.</param>
    /// <param name="innerException">The network error the browser reported for the request with them, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="refusedHeaders"/> is null.</exception>
    public SseCorsException(IReadOnlyList<string> refusedHeaders, Exception? innerException)
        : base(Describe(refusedHeaders), innerException) => RefusedHeaders = [.. refusedHeaders];

    /// <summary>Gets the names of the request headers whose CORS preflight the server refused (as sent, for example
    /// <c>Last-Event-ID</c>); empty when not given.</summary>
    public IReadOnlyList<string> RefusedHeaders { get; }

    private static string Describe(IReadOnlyList<string> refusedHeaders)
    {
        ArgumentNullException.ThrowIfNull(refusedHeaders);
        return $"The server refused the CORS preflight for the request header(s) {string.Join(", ", refusedHeaders)}: "
            + "the request with them failed as a network error while the same request without them was answered. "
            + "Allow them in the preflight's Access-Control-Allow-Headers.";
    }
}
