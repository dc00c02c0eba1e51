namespace Ecrm.Scoring;

/// <summary>A lifetime-value model could not be fitted to the data (the likelihood did not converge to a finite optimum).</summary>
public sealed class ModelFitException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="model">The model that failed, for example "BG/NBD".</param>
    /// <param name="detail">What went wrong.</param>
    public ModelFitException(string model, string detail)
        : base($"{model}: expected the maximum-likelihood fit to converge, but {detail}")
    {
        Model = model;
    }

    /// <summary>Gets the name of the model that failed.</summary>
    public string Model { get; }
}
