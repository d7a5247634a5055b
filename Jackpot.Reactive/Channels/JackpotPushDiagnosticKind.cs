namespace Jackpot.Reactive;

/// <summary>What a <see cref="JackpotPushDiagnostic"/> reports.</summary>
public enum JackpotPushDiagnosticKind
{
    /// <summary>A payload the client could not decode: it was skipped, and the stream went on.
    /// <see cref="JackpotPushDiagnostic.Error"/> is a <see cref="JackpotEventFormatException"/>.</summary>
    MalformedPayload,

    /// <summary>A subscriber threw from <c>OnNext</c>, <c>OnError</c> or <c>OnCompleted</c>: that subscription was
    /// ended, and every other subscriber and the connection went on. <see cref="JackpotPushDiagnostic.Error"/> is what it
    /// threw.</summary>
    SubscriberFault,
}
