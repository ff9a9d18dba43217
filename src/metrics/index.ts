/** Metrics: accuracy, confusion matrix, precision/recall/F-score and scikit-learn's classification report. */
export { accuracyScore } from './accuracy.js';
export type { AccuracyOptions } from './accuracy.js';
export { confusionMatrix } from './confusion-matrix.js';
export type { ConfusionMatrixOptions } from './confusion-matrix.js';
export { precisionRecallFscoreSupport } from './prf.js';
export type { AverageMethod, AveragedScores, PerClassScores, PrecisionRecallOptions, ZeroDivision } from './prf.js';
export { classificationReport } from './classification-report.js';
export type { ClassificationReportDict, ClassificationReportOptions, ReportEntry } from './classification-report.js';
export { errorRejectCurve, expectedCalibrationError, rejectThreshold, reliabilityBins } from './calibration.js';
export type { CalibrationOptions, ErrorRejectPoint, ReliabilityBin } from './calibration.js';
