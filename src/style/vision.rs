//! How colours look to readers with colour-vision deficiencies, how far apart two colours look,
//! and how well text reads on a colour: the checks behind the side palette.
//!
//! - [`simulate`]: a colour as seen with protanopia, deuteranopia or tritanopia, by the
//!   matrices of Machado, Oliveira and Fernandes (2009, severity 1.0, the full deficiency),
//!   applied to linear RGB.
//! - [`delta_e`]: the CIEDE2000 colour difference (Sharma, Wu and Dalal 2005) between two
//!   colours, through CIELAB with the D65 white point. About 1 is the smallest difference an
//!   observer sees between large patches side by side; small marks seen apart need several
//!   times more.
//! - [`contrast`]: the WCAG 2 contrast ratio between two colours (1 to 21); AA asks for 4.5
//!   for body text.
//! - [`check_sides`]: every pair of colours at least a given difference apart in every vision,
//!   and the text colour readable on each fill.

use super::palette::Rgb;

/// Normal vision or one of the three full dichromacies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vision {
    /// Trichromatic vision: the colour as it is.
    Normal,
    /// No long-wavelength (red) cones.
    Protanopia,
    /// No medium-wavelength (green) cones.
    Deuteranopia,
    /// No short-wavelength (blue) cones.
    Tritanopia,
}

impl Vision {
    /// Every vision checked: normal first.
    pub(crate) const ALL: [Vision; 4] = [
        Vision::Normal,
        Vision::Protanopia,
        Vision::Deuteranopia,
        Vision::Tritanopia,
    ];

    /// The name, in lower case.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Vision::Normal => "normal vision",
            Vision::Protanopia => "protanopia",
            Vision::Deuteranopia => "deuteranopia",
            Vision::Tritanopia => "tritanopia",
        }
    }

    /// Machado et al. (2009), severity 1.0, on linear RGB.
    fn matrix(self) -> Option<[[f64; 3]; 3]> {
        match self {
            Vision::Normal => None,
            Vision::Protanopia => Some([
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ]),
            Vision::Deuteranopia => Some([
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ]),
            Vision::Tritanopia => Some([
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ]),
        }
    }
}

/// An sRGB channel (0..=255) as linear light (0..=1).
fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// The colour in linear RGB.
fn linear_rgb(c: Rgb) -> [f64; 3] {
    [linear(c.0), linear(c.1), linear(c.2)]
}

/// Linear light (0..=1) back to an sRGB channel.
fn encode(c: f64) -> u8 {
    let c = c.clamp(0.0, 1.0);
    let s = if c <= 0.003_130_8 {
        c * 12.92
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    };
    // In 0..=255 after the clamp.
    (s * 255.0).round() as u8
}

/// The colour as a reader with `vision` sees it.
pub(crate) fn simulate(c: Rgb, vision: Vision) -> Rgb {
    let Some(m) = vision.matrix() else {
        return c;
    };
    let l = linear_rgb(c);
    let row = |r: [f64; 3]| r[0] * l[0] + r[1] * l[1] + r[2] * l[2];
    Rgb(encode(row(m[0])), encode(row(m[1])), encode(row(m[2])))
}

/// CIELAB (D65) of an sRGB colour.
fn lab(c: Rgb) -> [f64; 3] {
    let [r, g, b] = linear_rgb(c);
    let x = 0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
    let z = 0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.950_47), f(y), f(z / 1.088_83));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The CIEDE2000 difference between two colours (0 for the same colour).
pub(crate) fn delta_e(a: Rgb, b: Rgb) -> f64 {
    ciede2000(lab(a), lab(b))
}

/// CIEDE2000 between two CIELAB colours (Sharma, Wu and Dalal 2005).
fn ciede2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    let pow7 = |x: f64| x.powi(7);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (pow7(c_bar) / (pow7(c_bar) + pow7(25.0))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| b.atan2(a).to_degrees().rem_euclid(360.0);
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dlp = l2 - l1;
    let dcp = c2p - c1p;
    let chroma_zero = c1p * c2p == 0.0;
    let dhp = if chroma_zero {
        0.0
    } else {
        let d = h2p - h1p;
        if d > 180.0 {
            d - 360.0
        } else if d < -180.0 {
            d + 360.0
        } else {
            d
        }
    };
    let d_hp = 2.0 * (c1p * c2p).sqrt() * (dhp / 2.0).to_radians().sin();
    let lbp = (l1 + l2) / 2.0;
    let cbp = (c1p + c2p) / 2.0;
    let hbp = if chroma_zero {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos = |deg: f64| deg.to_radians().cos();
    let t = 1.0 - 0.17 * cos(hbp - 30.0) + 0.24 * cos(2.0 * hbp) + 0.32 * cos(3.0 * hbp + 6.0)
        - 0.20 * cos(4.0 * hbp - 63.0);
    let d_theta = 30.0 * (-((hbp - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (pow7(cbp) / (pow7(cbp) + pow7(25.0))).sqrt();
    let sl = 1.0 + 0.015 * (lbp - 50.0).powi(2) / (20.0 + (lbp - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cbp;
    let sh = 1.0 + 0.015 * cbp * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    let (x, y, z) = (dlp / sl, dcp / sc, d_hp / sh);
    (x * x + y * y + z * z + rt * y * z).max(0.0).sqrt()
}

/// The WCAG 2 relative luminance.
fn luminance(c: Rgb) -> f64 {
    let [r, g, b] = linear_rgb(c);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// The WCAG 2 contrast ratio between two colours, from 1 (the same) to 21 (black on white).
pub(crate) fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The smallest CIEDE2000 difference between outline colours of two sides, in any vision: ten
/// times the just-noticeable difference, the order of difference that small marks seen apart
/// (a node's 2-px outline) need to be told apart at a glance (Stone, Szafir and Setlur 2014:
/// the difference needed grows steeply as marks shrink below a degree of visual angle).
pub(crate) const MIN_OUTLINE_DIFFERENCE: f64 = 10.0;

/// The smallest difference between two sides' fills (large areas, seen next to their outline,
/// which carries the side): clearly more than a just-noticeable difference.
pub(crate) const MIN_FILL_DIFFERENCE: f64 = 3.0;

/// WCAG 2 AA for body text.
pub(crate) const MIN_TEXT_CONTRAST: f64 = 4.5;

/// What [`check_sides`] found wrong, one sentence per problem.
pub(crate) fn check_sides(
    sides: &[(String, Rgb)],
    fill: impl Fn(Rgb) -> Rgb,
    ink: Rgb,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, (a, ca)) in sides.iter().enumerate() {
        let on_fill = contrast(ink, fill(*ca));
        if on_fill < MIN_TEXT_CONTRAST {
            problems.push(format!(
                "text {} on {a}'s fill {} has contrast {on_fill:.2} (AA needs {MIN_TEXT_CONTRAST})",
                ink.hex(),
                fill(*ca).hex()
            ));
        }
        for (b, cb) in sides.iter().skip(i + 1) {
            for vision in Vision::ALL {
                let outline = delta_e(simulate(*ca, vision), simulate(*cb, vision));
                if outline < MIN_OUTLINE_DIFFERENCE {
                    problems.push(format!(
                        "{a} {} and {b} {} differ by ΔE00 {outline:.1} with {} (needs {MIN_OUTLINE_DIFFERENCE})",
                        ca.hex(),
                        cb.hex(),
                        vision.as_str()
                    ));
                }
                let fills = delta_e(simulate(fill(*ca), vision), simulate(fill(*cb), vision));
                if fills < MIN_FILL_DIFFERENCE {
                    problems.push(format!(
                        "the fills of {a} and {b} differ by ΔE00 {fills:.1} with {} (needs {MIN_FILL_DIFFERENCE})",
                        vision.as_str()
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ciede2000_matches_sharmas_test_data() {
        // Pairs 1, 7, 17 and 34 of Sharma, Wu and Dalal's table.
        let cases = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
            (
                [2.0776, 0.0795, -1.1350],
                [0.9033, -0.0636, -0.5514],
                0.9082,
            ),
        ];
        for (a, b, want) in cases {
            let got = ciede2000(a, b);
            assert!((got - want).abs() < 1e-3, "{a:?} {b:?}: {got} != {want}");
        }
    }

    #[test]
    fn dichromats_lose_the_red_green_or_blue_yellow_axis() {
        let red = Rgb(0xd0, 0x30, 0x30);
        let green = Rgb(0x60, 0x90, 0x30);
        assert!(delta_e(red, green) > 30.0);
        // Red and an olive green of similar lightness move much closer for both red-green
        // deficiencies (deuteranopes hardly tell them apart).
        assert!(
            delta_e(
                simulate(red, Vision::Deuteranopia),
                simulate(green, Vision::Deuteranopia)
            ) < 5.0
        );
        for v in [Vision::Protanopia, Vision::Deuteranopia] {
            assert!(
                delta_e(simulate(red, v), simulate(green, v)) < delta_e(red, green) / 2.0,
                "{}",
                v.as_str()
            );
        }
        // Greys stay grey.
        for v in Vision::ALL {
            let g = simulate(Rgb(0x80, 0x80, 0x80), v);
            assert!(delta_e(g, Rgb(0x80, 0x80, 0x80)) < 1.5, "{}", v.as_str());
        }
        let blue = Rgb(0x00, 0x72, 0xb2);
        let green2 = Rgb(0x00, 0x9e, 0x73);
        assert!(
            delta_e(
                simulate(blue, Vision::Tritanopia),
                simulate(green2, Vision::Tritanopia)
            ) < delta_e(blue, green2)
        );
    }

    #[test]
    fn contrast_follows_wcag() {
        let white = Rgb(255, 255, 255);
        assert!((contrast(Rgb(0, 0, 0), white) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((contrast(Rgb(0x76, 0x76, 0x76), white) - 4.54).abs() < 0.01);
    }
}
