namespace Ecrm.Resolution;

/// <summary>Something about a resolution a person should know: the model could not be trusted as fitted, or merges were held back.</summary>
/// <param name="Code">What it is about.</param>
/// <param name="Message">What was found and what was done about it.</param>
public sealed record ResolutionWarning(ResolutionWarningCode Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
