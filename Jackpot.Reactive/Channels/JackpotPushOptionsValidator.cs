using System.Globalization;

namespace Jackpot.Reactive;

/// <summary>
/// The one set of rules for a client's settings, whatever built them: <see cref="JackpotPushClientOptions.Validate"/>
/// (the constructor of <see cref="JackpotPushClient"/>) and the dependency-injection validator of
/// <see cref="JackpotPushSettings"/> (configuration and the <c>AddJackpotPushClient</c> callback) report the same failure
/// with the same message, naming the setting by its configuration path (<c>JackpotPush:Reconnect:MaxDelay</c>).
/// </summary>
/// <remarks>Header values are never echoed: they may be secrets.</remarks>
internal static class JackpotPushOptionsValidator
{
    /// <summary>The largest number of extra headers accepted.</summary>
    public const int MaxExtraHeaders = 64;

    private const string Section = JackpotPushClientDefaults.ConfigurationSectionName;
    private const string EndpointKey = Section + ":" + nameof(JackpotPushClientOptions.Endpoint);
    private const string HeadersKey = Section + ":" + nameof(JackpotPushClientOptions.ExtraHeaders);
    private const string ReconnectKey = Section + ":" + nameof(JackpotPushClientOptions.Reconnect);

    /// <summary>Checks every setting of <paramref name="options"/>.</summary>
    /// <returns>One message per invalid setting, in the order of the properties; empty when all are valid.</returns>
    public static List<string> Validate(JackpotPushClientOptions options)
    {
        var failures = new List<string>();
        if (options.Endpoint is null)
        {
            failures.Add($"{EndpointKey} is required.");
        }
        else
        {
            CheckEndpoint(options.Endpoint, failures);
        }

        if (options.Workspace.Value.Length == 0)
        {
            failures.Add($"{Section}:{nameof(options.Workspace)} is required.");
        }

        if (options.Reconnect is not { } policy)
        {
            failures.Add($"{ReconnectKey} is required.");
        }
        else
        {
            CheckReconnect(policy.InitialDelay, policy.MaxDelay, policy.Multiplier, policy.JitterRatio, policy.ResetAfter, policy.MaxAttempts, failures);
        }

        if (options.IdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{Section}:{nameof(options.IdleTimeout)} must be positive, or unset for none (was {idle})."));
        }

        if (options.Linger < TimeSpan.Zero)
        {
            failures.Add(Invariant($"{Section}:{nameof(options.Linger)} must not be negative (was {options.Linger})."));
        }

        if (options.MaxEventSize <= 0)
        {
            failures.Add(Invariant($"{Section}:{nameof(options.MaxEventSize)} must be positive (was {options.MaxEventSize})."));
        }

        if (options.Protocol is { } protocol && !Enum.IsDefined(protocol))
        {
            failures.Add(Invariant($"{Section}:{nameof(options.Protocol)} must be Negotiate, Http11 or Http2, or unset for the default (was {protocol})."));
        }

        CheckHeaders(options.ExtraHeaders, failures);
        return failures;
    }

    /// <summary>Throws when a setting is invalid.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message is every failure, each naming its setting.</exception>
    public static void ThrowIfInvalid(JackpotPushClientOptions options)
    {
        var failures = Validate(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures));
        }
    }

    /// <summary>The endpoint rules (absolute http(s), no fragment, no <c>channel</c> parameter).</summary>
    public static void CheckEndpoint(Uri endpoint, List<string> failures)
    {
        try
        {
            JackpotPushEndpoint.ValidateEndpoint(endpoint, EndpointKey);
        }
        catch (ArgumentException ex)
        {
            failures.Add($"{EndpointKey}: {WithoutParameterName(ex)}");
        }
    }

    /// <summary>The reconnect rules: the ranges of <see cref="ReconnectPolicy"/> and an initial delay no larger than the
    /// maximum.</summary>
    public static void CheckReconnect(
        TimeSpan initialDelay,
        TimeSpan maxDelay,
        double multiplier,
        double jitterRatio,
        TimeSpan resetAfter,
        int? maxAttempts,
        List<string> failures)
    {
        const string Initial = ReconnectKey + ":" + nameof(ReconnectPolicy.InitialDelay);
        const string Max = ReconnectKey + ":" + nameof(ReconnectPolicy.MaxDelay);
        if (!ReconnectPolicy.IsValidInitialDelay(initialDelay))
        {
            failures.Add(Invariant($"{Initial} must not be negative (was {initialDelay})."));
        }

        if (!ReconnectPolicy.IsValidMaxDelay(maxDelay))
        {
            failures.Add(Invariant($"{Max} must be positive (was {maxDelay})."));
        }
        else if (initialDelay > maxDelay)
        {
            failures.Add(Invariant($"{Max} must not be less than {Initial} (was {maxDelay}, less than {initialDelay})."));
        }

        if (!ReconnectPolicy.IsValidMultiplier(multiplier))
        {
            failures.Add(Invariant($"{ReconnectKey}:{nameof(ReconnectPolicy.Multiplier)} must be a finite number of at least 1 (was {multiplier})."));
        }

        if (!ReconnectPolicy.IsValidJitterRatio(jitterRatio))
        {
            failures.Add(Invariant($"{ReconnectKey}:{nameof(ReconnectPolicy.JitterRatio)} must be between 0 and 1 (was {jitterRatio})."));
        }

        if (!ReconnectPolicy.IsValidResetAfter(resetAfter))
        {
            failures.Add(Invariant($"{ReconnectKey}:{nameof(ReconnectPolicy.ResetAfter)} must be positive (was {resetAfter})."));
        }

        if (!ReconnectPolicy.IsValidMaxAttempts(maxAttempts))
        {
            failures.Add(Invariant($"{ReconnectKey}:{nameof(ReconnectPolicy.MaxAttempts)} must not be negative (was {maxAttempts}); leave it unset for no limit."));
        }
    }

    /// <summary>The header rules: at most <see cref="MaxExtraHeaders"/>, each name an HTTP token, each value without CR,
    /// LF or NUL (the rules of <see cref="SseHeaderValidation"/>, which every request also applies).</summary>
    public static void CheckHeaders(IReadOnlyCollection<KeyValuePair<string, string>>? headers, List<string> failures)
    {
        if (headers is null)
        {
            failures.Add($"{HeadersKey} must not be null.");
            return;
        }

        if (headers.Count > MaxExtraHeaders)
        {
            failures.Add(Invariant($"{HeadersKey} holds {headers.Count} headers; at most {MaxExtraHeaders} are allowed."));
        }

        foreach (var (headerName, value) in headers)
        {
            if (!SseHeaderValidation.IsValidName(headerName))
            {
                failures.Add($"{HeadersKey}:{headerName} is not a valid HTTP header name.");
            }
            else if (!SseHeaderValidation.IsValidValue(value))
            {
                failures.Add($"{HeadersKey}:{headerName} must have a value without CR, LF or NUL.");
            }
        }
    }

    private static string WithoutParameterName(ArgumentException error) =>
        error.ParamName is { } parameter
            ? error.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal)
            : error.Message;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
