;; Dot products between the rows of two row-major f64 blocks, in WebAssembly SIMD:
;;
;;   out[i * nB + j] = Σ_c a[i * d + c] · b[j * d + c]     for i < nA, j < nB
;;
;; two rows of a against two rows of b at a time (four f64x2 sums in flight, two
;; coordinates per instruction). nA, nB and d must be even; pointers are byte offsets
;; into the exported memory. The sums run in two lanes (even and odd coordinates)
;; added at the end: rounding differs from a sequential loop's.
(module
  (memory (export "memory") 1)
  (func (export "dotBlock")
    (param $a i32) (param $nA i32) (param $b i32) (param $nB i32) (param $d i32) (param $out i32)
    (local $i i32) (local $j i32) (local $c i32) (local $stride i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $o i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $x0 v128) (local $x1 v128) (local $y0 v128) (local $y1 v128)
    (local.set $stride (i32.shl (local.get $d) (i32.const 3)))
    (block $iDone
      (loop $iLoop
        (br_if $iDone (i32.ge_u (local.get $i) (local.get $nA)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $stride))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $stride)))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $nB)))
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $stride))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $stride)))
            (local.set $s00 (v128.const i64x2 0 0))
            (local.set $s01 (v128.const i64x2 0 0))
            (local.set $s10 (v128.const i64x2 0 0))
            (local.set $s11 (v128.const i64x2 0 0))
            (local.set $c (i32.const 0))
            (block $cDone
              (loop $cLoop
                (br_if $cDone (i32.ge_u (local.get $c) (local.get $stride)))
                (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $c))))
                (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $c))))
                (local.set $y0 (v128.load (i32.add (local.get $b0) (local.get $c))))
                (local.set $y1 (v128.load (i32.add (local.get $b1) (local.get $c))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x0) (local.get $y0))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x0) (local.get $y1))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x1) (local.get $y0))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x1) (local.get $y1))))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $cLoop)))
            ;; out[i][j], out[i][j+1], out[i+1][j], out[i+1][j+1]
            (local.set $o (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $nB)) (local.get $j)) (i32.const 3))))
            (f64.store offset=0 (local.get $o)
              (f64.add (f64x2.extract_lane 0 (local.get $s00)) (f64x2.extract_lane 1 (local.get $s00))))
            (f64.store offset=8 (local.get $o)
              (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $nB) (i32.const 3))))
            (f64.store offset=0 (local.get $o)
              (f64.add (f64x2.extract_lane 0 (local.get $s10)) (f64x2.extract_lane 1 (local.get $s10))))
            (f64.store offset=8 (local.get $o)
              (f64.add (f64x2.extract_lane 0 (local.get $s11)) (f64x2.extract_lane 1 (local.get $s11))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $jLoop)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $iLoop))))
)
