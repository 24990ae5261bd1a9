//! The Mandelbrot image a run computed, with a strip at its left edge coloured by the unit that
//! computed each band of rows (the same colours as the lanes' numbers).

use super::text;
use crate::engine::Image;
use crate::model::record::RunRecord;
use crate::ui::widgets::styled::Styled;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

/// The strip's width in pixels.
const STRIP: u32 = 16;
/// Lane colours (RGB), cycled.
const LANE_COLOURS: [[u8; 3]; 8] = [
    [0x1f, 0x77, 0xb4],
    [0xff, 0x7f, 0x0e],
    [0x2c, 0xa0, 0x2c],
    [0xd6, 0x27, 0x28],
    [0x94, 0x67, 0xbd],
    [0x8c, 0x56, 0x4b],
    [0xe3, 0x77, 0xc2],
    [0x17, 0xbe, 0xcf],
];

/// Props: the image and the run that made it (equal when they are the same, by address).
#[derive(Properties)]
pub struct MandelbrotProps {
    /// The image as the engine assembled it.
    pub image: Rc<Image>,
    /// The run (for the lane names).
    pub record: Rc<RunRecord>,
}

impl PartialEq for MandelbrotProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.image, &other.image) && Rc::ptr_eq(&self.record, &other.record)
    }
}

/// RGBA pixels of the image with its strip.
fn pixels(image: &Image) -> Vec<u8> {
    let width = (image.width + STRIP) as usize;
    let mut out = vec![0u8; width * image.height as usize * 4];
    for y in 0..image.height as usize {
        let lane = image.row_lane.get(y).copied().unwrap_or(0) as usize;
        for x in 0..width {
            let at = (y * width + x) * 4;
            let rgb = if x < STRIP as usize {
                LANE_COLOURS[lane % LANE_COLOURS.len()]
            } else {
                let count = image.counts[y * image.width as usize + x - STRIP as usize];
                if count >= image.cap {
                    [0, 0, 0]
                } else {
                    let t =
                        (f64::from(count).ln_1p() / f64::from(image.cap).ln_1p()).clamp(0.0, 1.0);
                    [
                        (255.0 * t) as u8,
                        (255.0 * t * t) as u8,
                        (128.0 + 127.0 * t) as u8,
                    ]
                }
            };
            out[at..at + 3].copy_from_slice(&rgb);
            out[at + 3] = 255;
        }
    }
    out
}

/// The image drawn on a canvas once it is mounted, with its legend of the units that computed
/// it.
#[component]
#[optimize(size)]
pub fn MandelbrotView(props: &MandelbrotProps) -> Html {
    let canvas = use_node_ref();
    {
        let (canvas, image) = (canvas.clone(), props.image.clone());
        use_effect_with(image, move |image| {
            let Some(element) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let Ok(Some(context)) = element.get_context("2d") else {
                return;
            };
            let context: CanvasRenderingContext2d = context.unchecked_into();
            let data = pixels(image);
            // A copy outside the wasm memory: with threads that memory is shared, and ImageData
            // refuses a view of shared memory (the image stayed blank).
            let copy = js_sys::Uint8ClampedArray::new_from_slice(&data);
            if let Ok(frame) = ImageData::new_with_js_u8_clamped_array_and_sh(
                &copy,
                image.width + STRIP,
                image.height,
            ) {
                let _ = context.put_image_data(&frame, 0, 0);
            }
        });
    }
    let image = &props.image;
    // Each lane once, however its bands are spread over the image.
    let mut units: Vec<u32> = image.row_lane.clone();
    units.sort_unstable();
    units.dedup();
    let legend = units.iter().map(|lane| {
        let [r, g, b] = LANE_COLOURS[*lane as usize % LANE_COLOURS.len()];
        let label = props.record.lanes.get(*lane as usize).map_or_else(String::new, |l| l.label.clone());
        html! { <li><Styled class="swatch" property="background-color" value={format!("rgb({r},{g},{b})")} />{ label }</li> }
    });
    html! {
        <figure class="mandelbrot">
            <canvas ref={canvas} width={(image.width + STRIP).to_string()} height={image.height.to_string()}
                role="img" aria-label={text::mandelbrot_label(props.record.mode.title(), image.width, image.height)}></canvas>
            <figcaption>{ text::mandelbrot_caption(props.record.mode.title()) }<ul class="legend">{ for legend }</ul></figcaption>
        </figure>
    }
}
