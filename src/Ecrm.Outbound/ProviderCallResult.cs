namespace Ecrm.Outbound;

/// <summary>The outcome of a resilient provider call, after every retry.</summary>
/// <param name="Answer">The last attempt's answer (its kind is the call's outcome).</param>
/// <param name="Attempts">How many requests were sent.</param>
public readonly record struct ProviderCallResult(ProviderAnswer Answer, int Attempts)
{
    /// <summary>Gets a value indicating whether the provider did what was asked.</summary>
    public bool Succeeded => Answer.Kind == AnswerKind.Success;
}
