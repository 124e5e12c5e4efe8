using System.Runtime;

namespace BankInsight.Common;

/// <summary>
/// The end of a phase of a streamed job (a pass over the file, a model trained), where most of what
/// the phase allocated has just become garbage. A full, compacting collection here costs a few tens of
/// milliseconds and keeps the process's peak memory at what the job holds, not at what the collector
/// has not yet got round to: left to itself it lets hundreds of MB of large arrays (chunks, training
/// copies) pile up between its own gen-2 collections, and a server's memory is what the job is sized by.
/// </summary>
internal static class PhaseEnd
{
    public static void ReleaseGarbage()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        // Aggressive (.NET 7+): also hands the freed memory back to the operating system at once, so the
        // next phase starts from what is live rather than from the last phase's high-water mark.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
