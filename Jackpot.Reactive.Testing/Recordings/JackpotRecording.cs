using System.Reactive.Concurrency;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// A recording of push channels (see <c>docs/recording.md</c>): a header line, then one JSON object a line for every
/// connection attempt, response, event, <c>retry:</c>, comment, end and error, with its time. Open one with
/// <see cref="Open"/>; replay it through the real client with <see cref="ReplayOn"/>, or as events with <see cref="Events"/>.
/// </summary>
/// <remarks>
/// <para>Nothing but the header is held in memory: <see cref="Entries"/> and the replays read the file as they go, so a
/// recording of any size replays in bounded memory. Each enumeration opens the file again; the file must not change
/// while a recording is in use.</para>
/// <para>A malformed line, an unknown format version or a truncated last line throws
/// <see cref="RecordingFormatException"/> naming the file, line and reason, when it is read — unless
/// <see cref="RecordingReadOptions.SkipMalformedLines"/> asks to skip such lines (never the header).</para>
/// </remarks>
public sealed class JackpotRecording
{
    private readonly RecordingReadOptions _options;

    private JackpotRecording(string path, RecordingHeader header, RecordingReadOptions options)
    {
        Path = path;
        Header = header;
        _options = options;
    }

    /// <summary>Gets the file, as given to <see cref="Open"/>.</summary>
    public string Path { get; }

    /// <summary>Gets the header: format version, start time, source, channels, whether player ids are pseudonymised.</summary>
    public RecordingHeader Header { get; }

    /// <summary>Gets the recording's lines after the header, read from the file as they are enumerated.</summary>
    /// <exception cref="RecordingFormatException">(While enumerating) a line is malformed or the file is truncated.</exception>
    public IEnumerable<RecordingEntry> Entries => ReadEntries(_options);

    /// <summary>Opens a recording and reads its header.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How lines are read; strictly when null.</param>
    /// <returns>The recording.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="RecordingFormatException">The file is empty, or its first line is not a header of a known version.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static JackpotRecording Open(string path, RecordingReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new RecordingFileReader(path);
        try
        {
            if (!reader.TryReadLine(out string line))
            {
                throw new RecordingLineException("the file is empty; a recording starts with its header line.");
            }

            return new JackpotRecording(path, RecordingLineParser.ParseHeader(line), options ?? new RecordingReadOptions());
        }
        catch (RecordingLineException error)
        {
            throw new RecordingFormatException(path, Math.Max(1, reader.LineNumber), error.Message, error.InnerException);
        }
    }

    /// <summary>Replays the recorded events at their recorded times (as <paramref name="options"/> runs time) from the
    /// moment of the subscription, decoded as the client decodes them, for operator-level tests.</summary>
    /// <param name="scheduler">The scheduler, e.g. <see cref="MarbleTest.Scheduler"/> or a <c>TestScheduler</c>.</param>
    /// <param name="options">How time runs; as recorded when null.</param>
    /// <param name="channel">The channel whose events to replay; every channel's, in file order, when null.</param>
    /// <returns>A cold observable: each subscription reads the file from its start and completes at the time of the
    /// last line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scheduler"/> is null.</exception>
    /// <remarks>A payload that is not a jackpot event is left out, as the client leaves it out. A malformed line ends
    /// the sequence with <see cref="RecordingFormatException"/> (unless skipped). One event is scheduled at a time, so
    /// memory stays bounded; events of the same moment are emitted together, in file order. Disposal closes the file.</remarks>
    public IObservable<JackpotEvent> Events(IScheduler scheduler, RecordingReplayOptions? options = null, ChannelName? channel = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return new RecordedEventsObservable(this, scheduler, channel, options ?? RecordingReplayOptions.AsRecorded);
    }

    /// <summary>Scripts every recorded channel on a virtual push service: attempt <c>n</c> of a channel replays the
    /// channel's <c>n</c>-th recorded connection — its response or rejection (status, <c>Retry-After</c>), events with
    /// their ids and types, <c>retry:</c> fields, comments and its end (a clean end, a drop, or, where the client had
    /// closed it, silence until the replaying client closes it too). A client on the service then meets the recorded
    /// traffic, reconnects included, in virtual time.</summary>
    /// <param name="service">The service.</param>
    /// <param name="options">How time runs; as recorded when null.</param>
    /// <returns>The scripted channels, in the header's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <remarks>
    /// <para>Steps run at their recorded times after the replay's start (the service's clock when this is called), so
    /// the traffic keeps its own clock as a service's broadcast does. A client that reconnects sooner than recorded waits
    /// for the recorded moment (as if the server were slower to answer); one that reconnects later gets the steps that
    /// fell due meanwhile at once (as a server resending from <c>Last-Event-ID</c> would), the rest at their times.
    /// Attempts past the recorded ones open and stay silent.</para>
    /// <para>Each channel reads the file as its connections need it, one step at a time: memory stays bounded. A
    /// malformed line fails the attempt that reads it with <see cref="RecordingFormatException"/>.</para>
    /// </remarks>
    public IReadOnlyList<VirtualChannel> ReplayOn(VirtualPushService service, RecordingReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        options ??= RecordingReplayOptions.AsRecorded;
        var start = service.Scheduler.Now;
        var channels = new List<VirtualChannel>();
        foreach (var name in Header.Channels)
        {
            var channel = service.Channel(name);
            channel.ReplayLives(new RecordedLives(this, name, options, start));
            channels.Add(channel);
        }

        return channels;
    }

    /// <summary>Draws a stretch of the recorded events as marbles with a value legend, to paste into a hand-written
    /// marble test.</summary>
    /// <param name="from">Where the stretch starts, after the recording's start: its frame 0.</param>
    /// <param name="to">Where it ends (excluded).</param>
    /// <param name="frameLength">The time of one <c>-</c>, e.g. 100 ms for traffic that ticks every second.</param>
    /// <param name="channel">The channel to draw; every channel when null.</param>
    /// <returns>The drawing: marbles, legend and values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is negative, <paramref name="to"/> is not
    /// after it, or <paramref name="frameLength"/> is below <see cref="MarbleTestOptions.MinimumFrameLength"/>.</exception>
    /// <exception cref="RecordingFormatException">A line up to <paramref name="to"/> is malformed.</exception>
    /// <remarks>Time runs as recorded. Reads the file up to <paramref name="to"/> only.</remarks>
    public MarbleDrawing<JackpotEvent> Draw(TimeSpan from, TimeSpan to, TimeSpan frameLength, ChannelName? channel = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(from, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(to, from);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameLength, MarbleTestOptions.MinimumFrameLength);
        var scheduler = new Microsoft.Reactive.Testing.TestScheduler();
        var observer = scheduler.CreateObserver<JackpotEvent>();
        Exception? failure = null;
        using (Events(scheduler, null, channel).Subscribe(observer.OnNext, error => failure = error, observer.OnCompleted))
        {
            scheduler.AdvanceTo(to.Ticks);
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return MarbleDrawing.Draw(observer.Messages, frameLength, from.Ticks, to.Ticks);
    }

    /// <summary>Reads the entries after the header.</summary>
    internal IEnumerable<RecordingEntry> ReadEntries(RecordingReadOptions options)
    {
        using var reader = new RecordingFileReader(Path);
        bool header = true;
        while (true)
        {
            RecordingEntry? entry = null;
            try
            {
                if (!reader.TryReadLine(out string line))
                {
                    yield break;
                }

                if (header)
                {
                    header = false;
                    continue;
                }

                entry = RecordingLineParser.ParseEntry(line, reader.LineNumber);
            }
            catch (RecordingLineException error)
            {
                var formatError = new RecordingFormatException(Path, reader.LineNumber, error.Message, error.InnerException);
                if (!options.SkipMalformedLines || reader.LineNumber <= 1)
                {
                    throw formatError;
                }

                options.OnSkipped?.Invoke(formatError);
            }

            if (entry is not null)
            {
                yield return entry;
            }
        }
    }
}
