using Microsoft.AspNetCore.WebUtilities;

namespace Jackpot.Reactive.TestServer;

/// <summary>A request as a test server or a recording handler saw it.</summary>
/// <param name="Index">Its place in the log, 0-based.</param>
/// <param name="Path">The path (<c>/subscribe</c>).</param>
/// <param name="RawQuery">The query string as sent, with its <c>?</c>, or empty.</param>
/// <param name="Headers">Every header by name (case-insensitive), several values joined by commas.</param>
public sealed record SseTestRequest(int Index, string Path, string RawQuery, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The query's parameters, decoded.</summary>
    public IReadOnlyDictionary<string, string[]> Query =>
        QueryHelpers.ParseQuery(RawQuery).ToDictionary(pair => pair.Key, pair => pair.Value.Select(value => value ?? string.Empty).ToArray());

    /// <summary>The <c>channel</c> query parameter, or null.</summary>
    public string? Channel => Query.TryGetValue("channel", out var values) && values.Length > 0 ? values[0] : null;

    /// <summary>The <c>Last-Event-ID</c> header, or null when none was sent.</summary>
    public string? LastEventId => Header("Last-Event-ID");

    /// <summary>The <c>Accept</c> header, or null.</summary>
    public string? Accept => Header("Accept");

    /// <summary>The <c>Cache-Control</c> header, or null.</summary>
    public string? CacheControl => Header("Cache-Control");

    /// <summary>A header's value, or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
