namespace Ecrm;

/// <summary>The outcome of ingesting a batch: one <see cref="IngestResult"/> per input event, in input order.</summary>
public sealed class BatchIngestResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="results">One result per input event, in input order.</param>
    public BatchIngestResult(IReadOnlyList<IngestResult> results)
    {
        Results = results ?? throw new ArgumentNullException(nameof(results));
        for (var i = 0; i < results.Count; i++) // not foreach: an array's enumerator through the interface is an allocation
        {
            switch (results[i].Status)
            {
                case IngestStatus.Accepted: Accepted++; break;
                case IngestStatus.Duplicate: Duplicates++; break;
                default: Rejected++; break;
            }
        }
    }

    /// <summary>Gets one result per input event, in input order.</summary>
    public IReadOnlyList<IngestResult> Results { get; }

    /// <summary>Gets how many events were new.</summary>
    public int Accepted { get; }

    /// <summary>Gets how many events were replays.</summary>
    public int Duplicates { get; }

    /// <summary>Gets how many events were rejected.</summary>
    public int Rejected { get; }
}
