namespace Ecrm;

/// <summary>Thrown when an operation names a merge record that the store does not hold (or no longer holds).</summary>
public sealed class MergeNotFoundException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="mergeId">The merge id that was not found.</param>
    public MergeNotFoundException(string mergeId)
        : base($"No merge with id '{mergeId}' exists. Expected an id from MergeRecord.Id of a merge that is still in effect.")
    {
        MergeId = mergeId;
    }

    /// <summary>Gets the merge id that was not found.</summary>
    public string MergeId { get; }
}
