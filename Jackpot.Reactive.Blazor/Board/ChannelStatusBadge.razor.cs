using Microsoft.AspNetCore.Components;

namespace Jackpot.Reactive.Blazor;

/// <summary>
/// One channel's connection status as a badge: <c>&lt;span class="badge {state}" data-channel="…" data-state="…"&gt;</c>
/// with the line's text, e.g. <c>broadcast: reconnecting in 0.8 s (attempt 1)</c>.
/// </summary>
public sealed partial class ChannelStatusBadge
{
    /// <summary>Gets or sets the channel's label: <c>broadcast</c> or <c>player</c>.</summary>
    [Parameter, EditorRequired]
    public string Channel { get; set; } = "";

    /// <summary>Gets or sets what to show.</summary>
    [Parameter, EditorRequired]
    public ChannelStatusLine Line { get; set; } = ChannelStatusLine.Connecting;
}
