using System.Net.Sockets;

namespace Jackpot.Reactive;

/// <summary>How a failed source is retried: exponential back-off with jitter, a reset after a healthy period, an
/// optional attempt limit, and which errors are retried at all.</summary>
/// <remarks>
/// <para>
/// The back-off starts from the reconnection time <c>r</c>: <see cref="InitialDelay"/>, or for an
/// <see cref="SseConnection"/> the server's last SSE <c>retry:</c> value when it sent one (WHATWG HTML §9.2.6). The back-off
/// of retry <c>n</c> (1-based) is <c>b = min(max(MaxDelay, r), r × Multiplier^(n-1))</c> (with a zero <c>r</c>: 0, then
/// <c>min(MaxDelay, 100 ms × Multiplier^(n-2))</c>); the delay is <c>b</c> increased by a random share of up to
/// <see cref="JitterRatio"/> of itself — uniform in <c>[b, b × (1 + JitterRatio)]</c>, so no delay is shorter than the
/// reconnection time — and never less than the floor <see cref="DelayFloor"/> returns for the error (a server's
/// <c>Retry-After</c>). The defaults, beside LaunchDarkly's, SignalR's and Centrifugo's, are in <c>docs/reconnect.md</c>.
/// </para>
/// <para>Every property is validated when it is set (also in a <see langword="with"/> expression).</para>
/// </remarks>
public sealed record ReconnectPolicy
{
    /// <summary>The default <see cref="InitialDelay"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultInitialDelay = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="MaxDelay"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="Multiplier"/>: 2.</summary>
    public const double DefaultMultiplier = 2.0;

    /// <summary>The default <see cref="JitterRatio"/>: 0.5 (each delay is uniform between the back-off and one and a half times it).</summary>
    public const double DefaultJitterRatio = 0.5;

    /// <summary>The default <see cref="ResetAfter"/>: 60 seconds.</summary>
    public static readonly TimeSpan DefaultResetAfter = TimeSpan.FromSeconds(60);

    /// <summary>The back-off of the second consecutive retry when <see cref="InitialDelay"/> is zero: 100 milliseconds.</summary>
    internal static readonly TimeSpan BaseDelayAfterImmediateRetry = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the default policy: 1 s initial, ×2, 30 s maximum back-off, jitter adding up to half, reset after 60 s,
    /// unlimited attempts.</summary>
    public static ReconnectPolicy Default { get; } = new();

    /// <summary>Gets the reconnection time: the back-off before the first retry, before jitter, unless the server set
    /// another with the SSE <c>retry:</c> field.</summary>
    /// <value>The default value is 1 second (<see cref="DefaultInitialDelay"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    /// <remarks>
    /// Zero retries the first time at once; later consecutive retries then back off from 100 ms
    /// (× <see cref="Multiplier"/> each time, up to <see cref="MaxDelay"/>),
    /// so a server that stays down is not hammered in a tight loop. A server's <c>retry: 0</c> does the same.
    /// </remarks>
    public TimeSpan InitialDelay
    {
        get;
        init => field = IsValidInitialDelay(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(InitialDelay), value, "The initial delay must not be negative.");
    } = DefaultInitialDelay;

    /// <summary>Gets the largest back-off, before jitter: a delay is at most <c>MaxDelay × (1 + JitterRatio)</c>. A server's
    /// <c>retry:</c> value above it, or a delay floor from the error, may exceed it.</summary>
    /// <value>The default value is 30 seconds (<see cref="DefaultMaxDelay"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    /// <remarks>An <see cref="InitialDelay"/> larger than <see cref="MaxDelay"/> is rejected when the policy is used.</remarks>
    public TimeSpan MaxDelay
    {
        get;
        init => field = IsValidMaxDelay(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDelay), value, "The maximum delay must be positive.");
    } = DefaultMaxDelay;

    /// <summary>Gets the factor by which the back-off grows with each consecutive retry.</summary>
    /// <value>The default value is 2 (<see cref="DefaultMultiplier"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1, infinite or NaN.</exception>
    public double Multiplier
    {
        get;
        init => field = IsValidMultiplier(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Multiplier), value, "The multiplier must be a finite number of at least 1.");
    } = DefaultMultiplier;

    /// <summary>Gets the largest share of a back-off that jitter adds: the delay is uniform in
    /// <c>[backoff, backoff × (1 + JitterRatio)]</c>. 0 turns jitter off.</summary>
    /// <value>The default value is 0.5 (<see cref="DefaultJitterRatio"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    /// <remarks>
    /// Jitter only ever lengthens a delay: the SSE specification lets a client wait longer than the reconnection time,
    /// never less. Clients dropped at the same moment spread over a window <c>JitterRatio</c> back-offs wide, and since no
    /// client comes back sooner than the back-off, the load on a recovering server still falls off exponentially.
    /// </remarks>
    public double JitterRatio
    {
        get;
        init => field = IsValidJitterRatio(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(JitterRatio), value, "The jitter ratio must be between 0 and 1.");
    } = DefaultJitterRatio;

    /// <summary>Gets how long a (re)subscription must have been healthy — measured from its first element — for the
    /// attempt count to start again at 1 when it fails.</summary>
    /// <value>The default value is 60 seconds (<see cref="DefaultResetAfter"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan ResetAfter
    {
        get;
        init => field = IsValidResetAfter(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ResetAfter), value, "The reset period must be positive.");
    } = DefaultResetAfter;

    /// <summary>Gets the number of consecutive retries after which the error is passed on; null for no limit.</summary>
    /// <value>The default value is null (unlimited): a live display should not give up on its own.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int? MaxAttempts
    {
        get;
        init => field = IsValidMaxAttempts(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, "The maximum attempt count must not be negative.");
    }

    /// <summary>Gets the predicate that decides whether an error is retried (true) or passed on (false); null for the
    /// default of whoever runs the policy.</summary>
    /// <value>The default value is null: <see cref="JackpotObservable.RetryWithBackoff{T}(IObservable{T}, ReconnectPolicy)"/>,
    /// the generic engine, then retries every error; an <see cref="SseConnection"/> (and so every channel) uses
    /// <see cref="IsRetriedByDefault"/>, the connection retry table.</value>
    public Func<Exception, bool>? ShouldRetry { get; init; }

    /// <summary>Gets the function that returns the minimum delay an error asks for, or null for none; null for the
    /// default of whoever runs the policy.</summary>
    /// <value>The default value is null: <see cref="JackpotObservable.RetryWithBackoff{T}(IObservable{T}, ReconnectPolicy)"/>
    /// then has no floor; an <see cref="SseConnection"/> uses <see cref="DelayFloorByDefault"/> (an
    /// <see cref="SseHttpException"/>'s <see cref="SseHttpException.RetryAfter"/>).</value>
    public Func<Exception, TimeSpan?>? DelayFloor { get; init; }

    /// <summary>Gets the random source for jitter: returns a number in [0, 1) (values outside are clamped).</summary>
    /// <value>The default value is <see cref="Random.NextDouble"/> of <see cref="Random.Shared"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <remarks>Set a fixed source in tests to make the schedule deterministic.</remarks>
    public Func<double> RandomSource
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(RandomSource));
    } = Random.Shared.NextDouble;

    /// <summary>The retry decision of an <see cref="SseConnection"/> whose policy sets no <see cref="ShouldRetry"/>: the
    /// connection retry table.</summary>
    /// <param name="error">The error.</param>
    /// <returns>
    /// True for network errors (<see cref="HttpRequestException"/>, <see cref="IOException"/>,
    /// <see cref="SocketException"/>), timeouts (<see cref="TimeoutException"/>, including
    /// <see cref="SseIdleTimeoutException"/>), a clean end of stream (<see cref="SseStreamEndedException"/>) and a
    /// transient <see cref="SseHttpException"/> (5xx, 408, 429). False for everything else: a non-transient
    /// <see cref="SseHttpException"/> (204, other 4xx, wrong content type), <see cref="SseEventTooLargeException"/>
    /// (the server would send the same event again; raise the limit instead), and errors this library does not know.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    public static bool IsRetriedByDefault(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            SseHttpException http => http.IsTransient,
            SseEventTooLargeException => false,
            HttpRequestException or IOException or SocketException or TimeoutException or SseStreamEndedException => true,
            _ => false,
        };
    }

    /// <summary>The delay floor of an <see cref="SseConnection"/> whose policy sets no <see cref="DelayFloor"/>: the
    /// <c>Retry-After</c> delay of an <see cref="SseHttpException"/>.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The delay the server asked for, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    public static TimeSpan? DelayFloorByDefault(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is SseHttpException { RetryAfter: { } retryAfter } ? retryAfter : null;
    }

    /// <summary>The retry decision and delay floor of the generic engine when the policy sets none: every error is
    /// retried, with no floor.</summary>
    internal (Func<Exception, bool> ShouldRetry, Func<Exception, TimeSpan?> DelayFloor) GenericRules() =>
        (ShouldRetry ?? (static _ => true), DelayFloor ?? (static _ => null));

    /// <summary>The retry decision and delay floor of an event stream when the policy sets none: the connection retry
    /// table and <c>Retry-After</c>.</summary>
    internal (Func<Exception, bool> ShouldRetry, Func<Exception, TimeSpan?> DelayFloor) SseRules() =>
        (ShouldRetry ?? IsRetriedByDefault, DelayFloor ?? DelayFloorByDefault);

    internal static bool IsValidInitialDelay(TimeSpan value) => value >= TimeSpan.Zero;

    internal static bool IsValidMaxDelay(TimeSpan value) => value > TimeSpan.Zero;

    internal static bool IsValidMultiplier(double value) => value >= 1.0 && double.IsFinite(value);

    internal static bool IsValidJitterRatio(double value) => value is >= 0.0 and <= 1.0;

    internal static bool IsValidResetAfter(TimeSpan value) => value > TimeSpan.Zero;

    internal static bool IsValidMaxAttempts(int? value) => value is null or >= 0;

    internal void ThrowIfInconsistent(string paramName)
    {
        if (InitialDelay > MaxDelay)
        {
            throw new ArgumentException(
                $"The policy's {nameof(InitialDelay)} ({InitialDelay}) exceeds its {nameof(MaxDelay)} ({MaxDelay}).", paramName);
        }
    }
}
