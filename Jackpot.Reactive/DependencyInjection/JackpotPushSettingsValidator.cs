using System.Globalization;
using Microsoft.Extensions.Options;

namespace Jackpot.Reactive;

/// <summary>
/// Validates <see cref="JackpotPushSettings"/> at start-up, reporting every invalid setting at once, each named by its
/// configuration path (<c>JackpotPush:Reconnect:MaxDelay</c>). Header values are never echoed: they may be secrets.
/// </summary>
internal sealed class JackpotPushSettingsValidator : IValidateOptions<JackpotPushSettings>
{
    private const string Section = JackpotPushClientDefaults.ConfigurationSectionName;
    private const string ReconnectSection = Section + ":" + nameof(JackpotPushSettings.Reconnect);
    private const int MaxExtraHeaders = 64;

    public ValidateOptionsResult Validate(string? name, JackpotPushSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateEndpoint(options.Endpoint, failures);
        if (string.IsNullOrWhiteSpace(options.Workspace))
        {
            failures.Add($"{Section}:{nameof(options.Workspace)} is required.");
        }

        if (options.Linger < TimeSpan.Zero)
        {
            failures.Add(Invariant($"{Section}:{nameof(options.Linger)} must not be negative (was {options.Linger})."));
        }

        if (options.IdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{Section}:{nameof(options.IdleTimeout)} must be positive, or unset for none (was {idle})."));
        }

        if (options.MaxEventSize <= 0)
        {
            failures.Add(Invariant($"{Section}:{nameof(options.MaxEventSize)} must be positive (was {options.MaxEventSize})."));
        }

        if (options.Protocol is { } protocol && !Enum.IsDefined(protocol))
        {
            failures.Add(Invariant($"{Section}:{nameof(options.Protocol)} must be Negotiate, Http11 or Http2 (was {protocol})."));
        }

        ValidateHeaders(options.ExtraHeaders, failures);
        ValidateReconnect(options.Reconnect, failures);
        if (failures.Count == 0)
        {
            // The options check the same rules; should they ever be stricter, fail here rather than when resolving.
            try
            {
                options.ToClientOptions().Validate();
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{Section}: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateEndpoint(string? endpoint, List<string> failures)
    {
        const string Key = Section + ":" + nameof(JackpotPushSettings.Endpoint);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri))
        {
            failures.Add($"{Key} must be an absolute http or https URI, not '{endpoint}'.");
            return;
        }

        try
        {
            JackpotPushEndpoint.ValidateEndpoint(uri, Key);
        }
        catch (ArgumentException ex)
        {
            failures.Add($"{Key}: {WithoutParameterName(ex)}");
        }
    }

    private static void ValidateHeaders(IDictionary<string, string> headers, List<string> failures)
    {
        const string Key = Section + ":" + nameof(JackpotPushSettings.ExtraHeaders);
        if (headers.Count > MaxExtraHeaders)
        {
            failures.Add(Invariant($"{Key} holds {headers.Count} headers; at most {MaxExtraHeaders} are allowed."));
        }

        foreach (var (headerName, value) in headers)
        {
            if (!IsValidHeaderName(headerName))
            {
                failures.Add($"{Key}:{headerName} is not a valid HTTP header name.");
            }
            else if (value is null || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                failures.Add($"{Key}:{headerName} must have a value without CR, LF or NUL.");
            }
        }
    }

    private static void ValidateReconnect(JackpotPushReconnectSettings reconnect, List<string> failures)
    {
        const string Initial = ReconnectSection + ":" + nameof(reconnect.InitialDelay);
        const string Max = ReconnectSection + ":" + nameof(reconnect.MaxDelay);
        if (reconnect.InitialDelay <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{Initial} must be positive (was {reconnect.InitialDelay})."));
        }

        if (reconnect.MaxDelay <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{Max} must be positive (was {reconnect.MaxDelay})."));
        }
        else if (reconnect.InitialDelay > reconnect.MaxDelay)
        {
            failures.Add(Invariant($"{Max} must not be less than {Initial} (was {reconnect.MaxDelay}, less than {reconnect.InitialDelay})."));
        }

        if (!(reconnect.Multiplier >= 1.0 && double.IsFinite(reconnect.Multiplier)))
        {
            failures.Add(Invariant($"{ReconnectSection}:{nameof(reconnect.Multiplier)} must be a finite number of at least 1 (was {reconnect.Multiplier})."));
        }

        if (reconnect.JitterRatio is not (>= 0.0 and <= 1.0))
        {
            failures.Add(Invariant($"{ReconnectSection}:{nameof(reconnect.JitterRatio)} must be between 0 and 1 (was {reconnect.JitterRatio})."));
        }

        if (reconnect.ResetAfter <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{ReconnectSection}:{nameof(reconnect.ResetAfter)} must be positive (was {reconnect.ResetAfter})."));
        }

        if (reconnect.MaxAttempts < 0)
        {
            failures.Add(Invariant($"{ReconnectSection}:{nameof(reconnect.MaxAttempts)} must not be negative (was {reconnect.MaxAttempts}); leave it unset for no limit."));
        }
    }

    private static bool IsValidHeaderName(string headerName)
    {
        try
        {
            SseHeaderValidation.ThrowIfInvalid([new(headerName, string.Empty)], nameof(headerName));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string WithoutParameterName(ArgumentException error) =>
        error.ParamName is { } parameter
            ? error.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal)
            : error.Message;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
