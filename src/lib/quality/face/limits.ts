/**
 * Limits of the face checks and OFIQ-style 0-100 mappings (ISO/IEC 29794-5 reference implementation OFIQ v1.0.3,
 * as tabulated in /work/shared/reference/quality-measures.md 1.3). Pass/fail is decided on these limits, never on the
 * OFIQ values (OFIQ sets no thresholds, quality-measures.md 0.1).
 */

/** Pose limits, degrees: ISO/IEC 19794-5:2011 7.2.2 (quality-measures.md 2): yaw ±5, pitch ±5, roll ±8. */
export const DEFAULT_MAX_YAW_DEG = 5;
export const DEFAULT_MAX_PITCH_DEG = 5;
export const DEFAULT_MAX_ROLL_DEG = 8;

/**
 * Degrees beyond the limit that still give 'warn' rather than 'fail': the landmark pose is an estimate. Roll is the
 * eye-line angle (accurate: 1°, as the pipeline's rollToleranceDeg); yaw 2°; pitch 3° because a single view confounds
 * pitch with face proportions (a short lower face reads as a lowered chin).
 */
export const POSE_WARN_MARGIN_DEG = { yaw: 2, pitch: 5, roll: 1 } as const;

/**
 * Pitch from one view is confounded with face proportions, so it is decided against the limit PLUS this many degrees:
 * level, frontal faces in the test portraits read from +1.6° to −13.6° (real photos 0° to 3°, generated faces with a
 * short lower face −7° to −14°; `npm run eval:checks`). A pitch inside the widened limit passes, up to
 * POSE_WARN_MARGIN_DEG.pitch beyond it warns ("may be"), further fails. Project calibration on ../shared/testdata.
 */
export const PITCH_VIEW_UNCERTAINTY_DEG = 5;

/**
 * Eyes open: eyelid opening / T (OFIQ EyesOpen native value). OFIQ's mapping puts Q50 at 0.02 (half-closed); the
 * portraits in the test set measure 0.049-0.144 with open eyes. Fail below 0.02 (OFIQ Q50), warn below 0.03 (Q73).
 */
export const EYES_OPEN_FAIL = 0.02;
export const EYES_OPEN_WARN = 0.03;

/**
 * Mouth closed: inner-lip separation / T (OFIQ MouthClosed native value). OFIQ's Q50 (0.2) is a wide-open mouth and
 * far looser than ICAO's "mouth closed"; closed lips measure 0.001-0.005 in the test portraits and a smile showing
 * teeth 0.10-0.12. Warn above 0.03 (lips parted), fail above 0.05 (teeth or mouth visibly open).
 */
export const MOUTH_OPEN_WARN = 0.03;
export const MOUTH_OPEN_FAIL = 0.05;

/**
 * Expression (smile): mouth-corner lift / T. The canonical (neutral) face measures −0.006; neutral test portraits
 * −0.019…0.005, a closed-lip smile 0.030, broad smiles 0.057-0.068. Warn above 0.02, fail above 0.04. A smile is also
 * failed when the corners are lifted (> 0.01) and the lips are parted (> MOUTH_OPEN_FAIL): an open-mouth smile.
 */
export const SMILE_WARN = 0.02;
export const SMILE_FAIL = 0.04;
export const SMILE_OPEN_LIFT = 0.01;

/**
 * Gaze, horizontal: the direction of the eyes relative to the camera, degrees = head yaw + eye-in-head turn, where the
 * eye-in-head turn is asin(h / EYE_RADIUS_TO_WIDTH) from the iris offset h (eye widths, expression-measures.ts
 * irisOffset): the iris centre moves by (eyeball radius) · sin θ, with an eyeball radius ≈ 12 mm (axial length ≈ 24 mm)
 * and an eye width (palpebral fissure) ≈ 30 mm, so h ≈ 0.4 · sin θ (average adult anatomy; an approximation).
 * ICAO 9303 asks for eyes looking at the camera without a number; frontal, straight-looking test portraits measure
 * ≤ 6°. Pass up to 8°, warn up to 12°, fail beyond. (MediaPipe's iris points under-read large eye turns, so these
 * limits are reached later than the anatomy alone suggests.)
 */
export const EYE_RADIUS_TO_WIDTH = 0.4;
export const GAZE_WARN_DEG = 8;
export const GAZE_FAIL_DEG = 12;
/**
 * Vertical iris position: in frontal, straight-looking portraits the iris centre sits 0.05-0.11 eye widths above the
 * corner line (the outer corners are higher than the inner ones); the middle of that range is the reference and a
 * departure of more than 0.08 (≈ 11°) is reported as a warning (vertical position is also shaped by the eyelids).
 */
export const GAZE_VERTICAL_REF = 0.085;
export const GAZE_VERTICAL_WARN = 0.08;

/**
 * Eye visibility (eye-visibility.ts), two cues per eye, each divided by its warn level so that 1 is the limit:
 *   score = min(contrast / EYE_CONTRAST_WARN, brightness / SCLERA_BRIGHTNESS_WARN), the worse eye counts.
 * Contrast (sclera vs iris): uncovered eyes in the test portraits 0.21-0.79; skin, hair-stripe and noise patches over
 * the eyes below 0.16 (mostly near 0). Brightness (white of the eye vs cheek skin): uncovered 0.56-1.10; dark hair over
 * the eye 0.15-0.45. Pass at score ≥ 1, warn at ≥ 0.75, fail below (contrast < 0.12 or brightness < 0.375).
 */
export const EYE_CONTRAST_WARN = 0.16;
export const SCLERA_BRIGHTNESS_WARN = 0.5;
export const EYE_VISIBILITY_FAIL = 0.75;

/**
 * Other person: any second face fails. A second person-mask blob not connected to the main person fails at ≥ 10 % of
 * the main blob's area and warns at ≥ 3 % (smaller blobs are left to segmentation noise).
 */
export const OTHER_BLOB_WARN = 0.03;
export const OTHER_BLOB_FAIL = 0.1;

/** σ(x; x0, w) = 1 / (1 + e^((x0 − x)/w)), OFIQ's logistic. */
export const sigmoid = (x: number, x0: number, w: number) => 1 / (1 + Math.exp((x0 - x) / w));

/** OFIQ HeadPose (0x58-0x5A): round(100 · max(0, cos θ)²). */
export const ofiqPose = (deg: number) => Math.round(100 * Math.max(0, Math.cos((deg * Math.PI) / 180)) ** 2);
/** OFIQ EyesOpen (0x4D): 100 · σ(x; 0.02, 0.01). */
export const ofiqEyesOpen = (x: number) => Math.round(100 * sigmoid(x, 0.02, 0.01));
/** OFIQ MouthClosed (0x4E): 100 · (1 − σ(x; 0.2, 0.06)). */
export const ofiqMouthClosed = (x: number) => Math.round(100 * (1 - sigmoid(x, 0.2, 0.06)));
/** OFIQ SingleFacePresent (0x4C): round(100 · (1 − f)). */
export const ofiqSingleFace = (f: number) => Math.round(100 * (1 - f));
