using System.IO.Pipelines;

namespace Jackpot.Reactive.Simulator;

/// <summary>
/// Flood mode: writes pre-formatted <c>jackpot_value</c> frames as fast as the connection takes them, flushing in large
/// batches. Only the id of each frame is formatted per event.
/// </summary>
internal static class FloodWriter
{
    private const int DistinctPayloads = 256;

    /// <summary>Writes frames until the connection's token is cancelled or the client goes away.</summary>
    /// <param name="writer">The response body.</param>
    /// <param name="connection">The connection (its token ends the loop).</param>
    /// <param name="channel">The broadcast channel.</param>
    /// <param name="firstId">The id of the first frame.</param>
    /// <param name="options">The simulator's options (the group's jackpots).</param>
    /// <param name="faults">Stalls are honoured between batches.</param>
    /// <param name="counters">Counts the events sent.</param>
    public static async Task RunAsync(
        PipeWriter writer,
        SubscriberStream connection,
        ChannelName channel,
        long firstId,
        PushEventSimulatorOptions options,
        SimulatorFaults faults,
        SimulatorCounters counters)
    {
        byte[][] tails = CreateTails(channel, options);
        var token = connection.Token;
        long id = firstId;
        try
        {
            while (true)
            {
                await faults.WaitWhileStalledAsync(token).ConfigureAwait(false);
                int events = 0;
                while (writer.UnflushedBytes < SubscriberStream.FlushThresholdBytes)
                {
                    WriteFrame(writer, id, tails[id % DistinctPayloads]);
                    id++;
                    events++;
                }

                var result = await writer.FlushAsync(token).ConfigureAwait(false);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }

                counters.AddEventsSent(events);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Dropped, stopped or the client went away.
        }
    }

    private static void WriteFrame(PipeWriter writer, long id, byte[] tail)
    {
        var span = writer.GetSpan(SseFrames.MaxPrefixBytes + tail.Length);
        int prefix = SseFrames.WritePrefix(id, span);
        tail.CopyTo(span[prefix..]);
        writer.Advance(prefix + tail.Length);
    }

    /// <summary>The JSON of each payload followed by the blank line that ends its frame; values count up per jackpot.</summary>
    private static byte[][] CreateTails(ChannelName channel, PushEventSimulatorOptions options)
    {
        var jackpots = JackpotCatalog.Create(channel, options);
        var tails = new byte[DistinctPayloads][];
        for (int i = 0; i < DistinctPayloads; i++)
        {
            var jackpot = jackpots[i % jackpots.Length];
            var payload = new JackpotPayload(
                JackpotReasons.Value,
                jackpot.Id.Value + "_1",
                jackpot.Id.Value,
                channel.RawValue,
                jackpot.Currency,
                jackpot.SeedAmount + (jackpot.ContributionPerSpin * (i / jackpots.Length)),
                NewInstance: null);
            byte[] json = JackpotPayloadFormatter.ToJson(payload);
            tails[i] = [.. json, .. SseFrames.Suffix];
        }

        return tails;
    }
}
