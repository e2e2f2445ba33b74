//! replab patch: the weight and bias gradients of a 2D convolution, computed directly.
//!
//! burn's default `conv2d_weight_backward` swaps the batch and channel axes of the input and of
//! the output gradient and runs a forward convolution with the output gradient as its kernel:
//! a kernel as large as the output map (32 × 32 for the first layer of a CIFAR CNN), so the
//! forward path's im2col copies every input element once per kernel position of the *output*
//! map, and its matrix products have nine columns. Here the gradient is the product it is,
//! `dW[o, (c, kh, kw)] = Σ_b Σ_p dY[b, o, p] · X[b, c, p·s + k·d − pad]`: the input is unfolded
//! once (im2col, one row per weight element, one column per image and output position) and
//! multiplied by the output gradient laid out as `[out_channels, images × positions]`, one
//! matrix product per group of channels over a block of images. Blocks of images run on rayon's
//! pool and their partial sums are added in block order, so a given pool size always gives the
//! same bits.

use crate::{FlexTensor, Layout};
use alloc::vec;
use alloc::vec::Vec;
use core::mem::MaybeUninit;
use burn_backend::DType;
use burn_backend::ops::ConvOptions;
use burn_std::{Bytes, Shape, bf16, f16};

/// The most elements one block's unfolded input may hold (16 MB of f32): a block of images
/// smaller than this keeps the working set near the caches and bounds the memory per thread.
const BLOCK_ELEMS: usize = 4 << 20;

/// The gradient of a 2D convolution's weight, `[out_channels, in_channels / groups, kh, kw]`.
///
/// # Shapes
/// - `x`: `[batch, in_channels, in_h, in_w]` (asymmetric padding already applied to it and
///   removed from `options`, as `pad_asymmetric_conv_input` does)
/// - `output_grad`: `[batch, out_channels, out_h, out_w]`
pub fn conv2d_weight_backward(
    x: FlexTensor,
    output_grad: FlexTensor,
    weight_shape: &Shape,
    options: &ConvOptions<2>,
) -> FlexTensor {
    match x.dtype() {
        DType::F32 => weight_grad::<f32>(x, output_grad, weight_shape, options, DType::F32, 0.0, 1.0),
        DType::F64 => weight_grad::<f64>(x, output_grad, weight_shape, options, DType::F64, 0.0, 1.0),
        DType::F16 => weight_grad::<f16>(
            x,
            output_grad,
            weight_shape,
            options,
            DType::F16,
            f16::from_f32(0.0),
            f16::from_f32(1.0),
        ),
        DType::BF16 => {
            let x = crate::ops::conv_common::convert_bf16_to_f32(&x);
            let grad = crate::ops::conv_common::convert_bf16_to_f32(&output_grad);
            let result = weight_grad::<f32>(x, grad, weight_shape, options, DType::F32, 0.0, 1.0);
            crate::ops::conv_common::convert_f32_to_bf16(&result)
        }
        dtype => panic!("conv2d_weight_backward: unsupported dtype {:?}", dtype),
    }
}

/// The gradient of a convolution's bias, `[out_channels]`: the output gradient summed over the
/// images and positions, each channel's sum taken in the same order whatever the pool.
///
/// # Shapes
/// - `output_grad`: `[batch, out_channels, out_h, out_w]`
pub fn conv2d_bias_backward(output_grad: FlexTensor, bias_shape: &Shape) -> FlexTensor {
    match output_grad.dtype() {
        DType::F32 => bias_grad::<f32>(output_grad, bias_shape, DType::F32, 0.0),
        DType::F64 => bias_grad::<f64>(output_grad, bias_shape, DType::F64, 0.0),
        DType::F16 => bias_grad::<f16>(output_grad, bias_shape, DType::F16, f16::from_f32(0.0)),
        DType::BF16 => bias_grad::<bf16>(output_grad, bias_shape, DType::BF16, bf16::from_f32(0.0)),
        dtype => panic!("conv2d_bias_backward: unsupported dtype {:?}", dtype),
    }
}

fn bias_grad<T>(output_grad: FlexTensor, bias_shape: &Shape, dtype: DType, zero: T) -> FlexTensor
where
    T: bytemuck::Pod + Copy + burn_std::Element + burn_std::ElementAdd,
{
    let grad = output_grad.to_contiguous();
    let shape = grad.layout().shape();
    let (batch, channels, spatial) = (shape[0], shape[1], shape[2] * shape[3]);
    let data: &[T] = grad.storage();
    let mut sums = vec![zero; channels];
    for b in 0..batch {
        for (c, sum) in sums.iter_mut().enumerate() {
            let start = (b * channels + c) * spatial;
            *sum = data[start..start + spatial].iter().fold(*sum, |acc, &v| T::add(acc, v));
        }
    }
    FlexTensor::new(Bytes::from_elems(sums), Layout::contiguous(bias_shape.clone()), dtype)
}

/// The sizes of one weight-gradient problem.
#[derive(Clone, Copy)]
struct Dims {
    in_channels: usize,
    in_h: usize,
    in_w: usize,
    out_channels: usize,
    out_h: usize,
    out_w: usize,
    kernel: [usize; 2],
    stride: [usize; 2],
    padding: [usize; 2],
    dilation: [usize; 2],
    groups: usize,
}

impl Dims {
    fn spatial(&self) -> usize {
        self.out_h * self.out_w
    }

    /// Weight elements per output channel: `in_channels / groups × kh × kw`.
    fn col_len(&self) -> usize {
        self.in_channels / self.groups * self.kernel[0] * self.kernel[1]
    }

    /// Rows of the unfolded input: one per input channel and kernel position.
    fn rows(&self) -> usize {
        self.in_channels * self.kernel[0] * self.kernel[1]
    }
}

#[allow(clippy::too_many_arguments)]
fn weight_grad<T>(
    x: FlexTensor,
    output_grad: FlexTensor,
    weight_shape: &Shape,
    options: &ConvOptions<2>,
    dtype: DType,
    zero: T,
    one: T,
) -> FlexTensor
where
    T: bytemuck::Pod + Copy + Send + Sync + burn_std::Element + burn_std::ElementAdd + 'static,
{
    let x = x.to_contiguous();
    let output_grad = output_grad.to_contiguous();
    let x_shape = x.layout().shape();
    let g_shape = output_grad.layout().shape();
    let batch = x_shape[0];
    let dims = Dims {
        in_channels: x_shape[1],
        in_h: x_shape[2],
        in_w: x_shape[3],
        out_channels: g_shape[1],
        out_h: g_shape[2],
        out_w: g_shape[3],
        kernel: [weight_shape[2], weight_shape[3]],
        stride: options.stride,
        padding: options.padding_begin(),
        dilation: options.dilation,
        groups: options.groups,
    };
    assert_eq!(g_shape[0], batch, "conv2d_weight_backward: batch sizes differ");
    assert_eq!(weight_shape[0], dims.out_channels, "conv2d_weight_backward: output channels differ");
    assert_eq!(weight_shape[1] * dims.groups, dims.in_channels, "conv2d_weight_backward: input channels differ");
    let weight_len = dims.out_channels * dims.col_len();
    let x_data: &[T] = x.storage();
    let g_data: &[T] = output_grad.storage();

    let per_image = dims.rows() * dims.spatial();
    #[cfg(feature = "rayon")]
    let threads = rayon::current_num_threads().max(1);
    #[cfg(not(feature = "rayon"))]
    let threads = 1;
    // Enough blocks to bound each one's unfolded input, a multiple of the pool's size so the
    // threads get equal shares, and no more blocks than images.
    let by_memory = (batch * per_image).div_ceil(BLOCK_ELEMS).max(1);
    let blocks = by_memory.div_ceil(threads).max(1) * threads;
    let block = batch.div_ceil(blocks.min(batch).max(1)).max(1);
    let ranges: Vec<(usize, usize)> = (0..batch).step_by(block).map(|b0| (b0, (b0 + block).min(batch))).collect();

    let product = |&(b0, b1): &(usize, usize), parallel: bool| block_product(x_data, g_data, dims, b0, b1, parallel, zero, one);
    let mut result = vec![zero; weight_len];
    if batch > 0 && weight_len > 0 {
        let partials: Vec<Vec<T>> = {
            #[cfg(feature = "rayon")]
            {
                use rayon::prelude::*;
                if ranges.len() > 1 {
                    ranges.par_iter().map(|r| product(r, false)).collect()
                } else {
                    ranges.iter().map(|r| product(r, true)).collect()
                }
            }
            #[cfg(not(feature = "rayon"))]
            {
                ranges.iter().map(|r| product(r, false)).collect()
            }
        };
        let mut partials = partials.into_iter();
        if let Some(first) = partials.next() {
            result = first;
            for partial in partials {
                for (acc, v) in result.iter_mut().zip(partial) {
                    *acc = T::add(*acc, v);
                }
            }
        }
    }
    FlexTensor::new(Bytes::from_elems(result), Layout::contiguous(weight_shape.clone()), dtype)
}

/// The weight gradient's share of images `b0..b1`: `[out_channels, col_len]`.
#[allow(clippy::too_many_arguments)]
fn block_product<T>(x: &[T], grad: &[T], d: Dims, b0: usize, b1: usize, parallel: bool, zero: T, one: T) -> Vec<T>
where
    T: bytemuck::Pod + Copy + 'static,
{
    let spatial = d.spatial();
    let k = (b1 - b0) * spatial;
    let plane = d.in_h * d.in_w;
    let [kernel_h, kernel_w] = d.kernel;

    // The unfolded input: row (c, kh, kw), column (image, oh, ow). Every element is written
    // below (zeros where the kernel reads padding), so the matrix starts uninitialised: a
    // zeroed allocation of it cost a pass over memory as long as the copy.
    let len = d.rows() * k;
    let mut col: Vec<T> = Vec::with_capacity(len);
    {
        let spare = &mut col.spare_capacity_mut()[..len];
        for c in 0..d.in_channels {
            for kh in 0..kernel_h {
                for kw in 0..kernel_w {
                    let row = (c * kernel_h + kh) * kernel_w + kw;
                    let (ow_lo, ow_hi) = valid_outputs(kw, d.stride[1], d.padding[1], d.dilation[1], d.in_w, d.out_w);
                    for (i, b) in (b0..b1).enumerate() {
                        let src = &x[(b * d.in_channels + c) * plane..][..plane];
                        let dst = &mut spare[row * k + i * spatial..][..spatial];
                        for oh in 0..d.out_h {
                            let dst_row = &mut dst[oh * d.out_w..][..d.out_w];
                            let ih = (oh * d.stride[0] + kh * d.dilation[0]) as isize - d.padding[0] as isize;
                            if ih < 0 || ih as usize >= d.in_h || ow_lo >= ow_hi {
                                dst_row.fill(MaybeUninit::new(zero));
                                continue;
                            }
                            let src_row = &src[ih as usize * d.in_w..][..d.in_w];
                            let iw0 = ow_lo * d.stride[1] + kw * d.dilation[1] - d.padding[1];
                            dst_row[..ow_lo].fill(MaybeUninit::new(zero));
                            if d.stride[1] == 1 {
                                let src = &src_row[iw0..iw0 + (ow_hi - ow_lo)];
                                for (out, &v) in dst_row[ow_lo..ow_hi].iter_mut().zip(src) {
                                    *out = MaybeUninit::new(v);
                                }
                            } else {
                                for (j, out) in dst_row[ow_lo..ow_hi].iter_mut().enumerate() {
                                    *out = MaybeUninit::new(src_row[iw0 + j * d.stride[1]]);
                                }
                            }
                            dst_row[ow_hi..].fill(MaybeUninit::new(zero));
                        }
                    }
                }
            }
        }
    }
    // SAFETY: the loops above wrote every element of `col[..len]`: each (row, image, oh) row of
    // `out_w` elements is filled whole, as zeros or as zeros, a copy and zeros.
    unsafe { col.set_len(len) };

    // The output gradient as `[out_channels, images × positions]`.
    let mut g: Vec<T> = Vec::with_capacity(d.out_channels * k);
    {
        let spare = &mut g.spare_capacity_mut()[..d.out_channels * k];
        for (i, b) in (b0..b1).enumerate() {
            for o in 0..d.out_channels {
                let src = &grad[(b * d.out_channels + o) * spatial..][..spatial];
                for (out, &v) in spare[o * k + i * spatial..][..spatial].iter_mut().zip(src) {
                    *out = MaybeUninit::new(v);
                }
            }
        }
    }
    // SAFETY: every (output channel, image) row of `spatial` elements was written above.
    unsafe { g.set_len(d.out_channels * k) };

    let col_len = d.col_len();
    let out_per_group = d.out_channels / d.groups;
    let mut out = vec![zero; d.out_channels * col_len];
    #[cfg(feature = "rayon")]
    let parallelism = if parallel && out_per_group * col_len * k >= 192 * 192 * 192 {
        gemm::Parallelism::Rayon(0)
    } else {
        gemm::Parallelism::None
    };
    #[cfg(not(feature = "rayon"))]
    let parallelism = {
        let _ = parallel;
        gemm::Parallelism::None
    };
    for group in 0..d.groups {
        // SAFETY: dst is out_per_group × col_len (row stride col_len) inside `out`; lhs is
        // out_per_group × k (row stride k) inside `g`; rhs is k × col_len with element (p, j)
        // at j·k + p inside this group's rows of `col`.
        unsafe {
            gemm::gemm(
                out_per_group,
                col_len,
                k,
                out.as_mut_ptr().add(group * out_per_group * col_len),
                1,
                col_len as isize,
                false,
                g.as_ptr().add(group * out_per_group * k),
                1,
                k as isize,
                col.as_ptr().add(group * col_len * k),
                k as isize,
                1,
                zero,
                one,
                false,
                false,
                false,
                parallelism,
            );
        }
    }
    out
}

/// The output columns `ow_lo..ow_hi` whose input column `ow·stride + kw·dilation − pad` lies in
/// `0..in_w`.
fn valid_outputs(kw: usize, stride: usize, pad: usize, dilation: usize, in_w: usize, out_w: usize) -> (usize, usize) {
    let offset = kw * dilation;
    // ow·stride + offset ≥ pad
    let lo = if offset >= pad { 0 } else { (pad - offset).div_ceil(stride) };
    // ow·stride + offset − pad ≤ in_w − 1
    let hi = if in_w + pad <= offset { 0 } else { ((in_w + pad - offset - 1) / stride + 1).min(out_w) };
    (lo.min(out_w), hi.max(lo.min(out_w)))
}
