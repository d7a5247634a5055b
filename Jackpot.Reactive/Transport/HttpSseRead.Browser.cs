using System.Buffers;
using System.Runtime.ExceptionServices;

namespace Jackpot.Reactive;

/// <summary>The browser's side of a read: telling a refused CORS preflight from a network error.</summary>
/// <remarks>
/// <para>
/// A browser gives a script the same <c>TypeError: Failed to fetch</c> for a refused CORS preflight as for a network
/// that is down. A request that needs a preflight (it carries <c>Last-Event-ID</c>, or an extra header that is not
/// CORS-safelisted) and fails that way is therefore asked again without those headers:
/// </para>
/// <list type="bullet">
/// <item>With <c>Last-Event-ID</c>: the same request without it. Answered, the preflight for <c>Last-Event-ID</c> was
/// refused — its answer is the stream, opened as <see cref="SseTransportChunk.OpenedWithoutLastEventId"/> (a gap is
/// possible). Failing too, and needing no preflight, it was the network.</item>
/// <item>With extra headers that need a preflight: a probe with only the safelisted ones. Answered (any status), the
/// preflight for those headers was refused: the probe's answer is discarded and the attempt fails with
/// <see cref="SseCorsException"/>. Failing too, it was the network: the attempt fails with the first error.</item>
/// </list>
/// <para>
/// A request that needs no preflight and fails is a network error as far as anyone but the browser's console can tell
/// (a GET the server answers without <c>Access-Control-Allow-Origin</c> looks the same). Nothing is remembered between
/// attempts: each reconnect offers <c>Last-Event-ID</c> again, so a server whose settings change is met as it is now.
/// </para>
/// </remarks>
internal sealed partial class HttpSseRead
{
    private SseCorsException? _lastEventIdRefusal;

    private async Task<HttpResponseMessage> SendInBrowserAsync()
    {
        var (response, failure) = await TrySendAsync(withLastEventId: true, withPreflightHeaders: true).ConfigureAwait(false);
        if (response is not null)
        {
            return response;
        }

        var preflightHeaders = ExtraHeadersNeedingPreflight();
        bool sentLastEventId = _lastEventIdHeaderValue is not null;
        if (!sentLastEventId && preflightHeaders.Count == 0)
        {
            throw Rethrow(failure!);
        }

        if (sentLastEventId)
        {
            (response, _) = await TrySendAsync(withLastEventId: false, withPreflightHeaders: true).ConfigureAwait(false);
            if (response is not null)
            {
                _lastEventIdRefusal = new SseCorsException([LastEventIdHeader], failure);
                return response;
            }

            if (preflightHeaders.Count == 0)
            {
                throw Rethrow(failure!);
            }
        }

        (var probe, _) = await TrySendAsync(withLastEventId: false, withPreflightHeaders: false).ConfigureAwait(false);
        if (probe is null)
        {
            throw Rethrow(failure!);
        }

        await DiscardAsync(probe).ConfigureAwait(false);
        throw new SseCorsException(preflightHeaders, failure);
    }

    /// <summary>Sends; a failure the browser reports as a network error is returned instead of thrown.</summary>
    private async Task<(HttpResponseMessage? Response, HttpRequestException? Failure)> TrySendAsync(bool withLastEventId, bool withPreflightHeaders)
    {
        try
        {
            return (await SendAsync(withLastEventId, withPreflightHeaders).ConfigureAwait(false), null);
        }
        catch (HttpRequestException failure) when (failure.StatusCode is null && !_cancellationToken.IsCancellationRequested)
        {
            return (null, failure);
        }
    }

    private List<string> ExtraHeadersNeedingPreflight()
    {
        var names = new List<string>();
        foreach (var (name, value) in _request!.Headers)
        {
            if (!CorsSafelist.IsSafelisted(name, value) && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Lets go of a probe's answer without waiting for an event stream's (endless) body.</summary>
    private async Task DiscardAsync(HttpResponseMessage probe)
    {
        using (probe)
        {
            if (probe.Content is null)
            {
                return;
            }

            var body = await probe.Content.ReadAsStreamAsync(_cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(1);
                await AbandonAsync(body, buffer).ConfigureAwait(false);
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static Exception Rethrow(Exception error)
    {
        ExceptionDispatchInfo.Capture(error).Throw();
        return error;
    }
}
